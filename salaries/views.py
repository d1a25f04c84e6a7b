from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def explorer(request):
    return render(request, "salaries/explorer.html")

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("in aanbouw")


report = receipt = follow = inbox = staff_create = signal_detail = _todo

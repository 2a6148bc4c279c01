from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("in aanbouw")


board = challenge_create_view = challenge_detail = challenge_edit = _todo
challenge_transition_view = challenge_note_view = challenge_update_view = _todo
challenge_link_view = public_list = public_detail = _todo

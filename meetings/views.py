from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("")


home = meeting_list = meeting_detail = person_list = person_detail = _todo
country_list = country_detail = country_pair = _todo

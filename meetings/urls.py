from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path(
        "meetings/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        views.meeting_detail,
        name="meeting_detail",
    ),
    path("statements/", views.statement_list, name="statement_list"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:iso>/", views.country_detail, name="country_detail"),
    path("countries/<str:iso>/<str:other>/", views.country_pair, name="country_pair"),
]

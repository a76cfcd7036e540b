from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from meetings.urls import api_urls

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/", include(api_urls)),
    path("", include("meetings.urls")),
]

handler500 = "meetings.views.server_error"

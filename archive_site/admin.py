"""The archive's admin site: Django's, with the editors' review queue on its index page and
its pages (see meetings/admin/entry.py)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class ArchiveAdminSite(admin.AdminSite):
    site_header = "Meetings archive"
    site_title = "Meetings archive admin"
    index_title = "Archive administration"
    index_template = "admin/archive_index.html"

    def get_urls(self):
        from meetings.admin.entry import review_urls

        return [*review_urls(self), *super().get_urls()]

    def index(self, request, extra_context=None):
        from meetings.admin.entry import review_counts

        review = review_counts() if request.user.has_perm("meetings.change_meeting") else []
        return super().index(request, {**(extra_context or {}), "review": review})


class ArchiveAdminConfig(AdminConfig):
    default_site = "archive_site.admin.ArchiveAdminSite"

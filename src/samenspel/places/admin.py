from django.contrib import admin

from samenspel.accounts.admin_site import AdministratorModelAdmin

from .models import Kern


@admin.register(Kern)
class KernAdmin(AdministratorModelAdmin):
    list_display = ("name", "population", "area_director")
    list_filter = (("area_director", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("area_director",)
    autocomplete_fields = ("area_director",)

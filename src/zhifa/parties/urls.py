from django.urls import path

from zhifa.parties.views import parties

app_name = "parties"
urlpatterns = [
    path("", parties.party_list, name="party_list"),
    path("<int:pk>/", parties.party_detail, name="party_detail"),
]

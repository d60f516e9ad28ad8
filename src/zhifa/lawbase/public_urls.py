from django.urls import path

from zhifa.lawbase.views import public

# Outside /lawbase/ (staff) on purpose: the public portal's pages need no sign-in.
urlpatterns = [
    path("", public.find_law, name="find_law"),
    path("laws/<int:pk>/", public.law_text, name="find_law_text"),
]

from django.urls import path

from zhifa.documents.views import templates

app_name = "documents"
urlpatterns = [
    path("templates/", templates.template_list, name="template_list"),
    path("templates/<int:pk>/", templates.template_detail, name="template_detail"),
]

from django.urls import path

from zhifa.cases.views import cases, leads, public

app_name = "cases"
urlpatterns = [
    path("cases/", cases.case_list, name="case_list"),
    path("leads/", leads.lead_list, name="lead_list"),
    path("leads/new/", leads.lead_new, name="lead_new"),
    path("leads/<int:pk>/", leads.lead_detail, name="lead_detail"),
    path("cases/on-the-spot/", leads.on_the_spot, name="on_the_spot"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/steps/<str:step>/", cases.case_step, name="case_step"),
    path("cases/<int:pk>/documents/<int:document_id>/", cases.document_file, name="document_file"),
    path("cases/<int:pk>/case-file/", cases.case_file_download, name="case_file"),
    path("cases/<int:pk>/agencies/", cases.agency_choices, name="agency_choices"),
    path("v/<str:case_code>/<str:verify_code>/", public.verify, name="verify"),
    path("d/<str:token>/", public.open_delivery, name="open_delivery"),
]

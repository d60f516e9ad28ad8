from django.urls import path

from zhifa.lawbase.views import assist, laws, matters, search

app_name = "lawbase"
urlpatterns = [
    path("search/", search.search_page, name="search"),
    path("laws/", laws.law_list, name="law_list"),
    path("laws/<int:pk>/", laws.law_detail, name="law_detail"),
    path("laws/<int:pk>/articles/<int:num>/", laws.article_redirect, name="article"),
    path("cite/", laws.cite, name="cite"),
    path("matters/", matters.matter_list, name="matter_list"),
    path("matters/<str:code>/", matters.matter_detail, name="matter_detail"),
    path("matters/<str:code>/discretion/", assist.discretion_page, name="discretion"),
    path("benchmarks/", matters.benchmark_list, name="benchmark_list"),
    path("benchmarks/<int:pk>/", matters.benchmark_detail, name="benchmark_detail"),
    path("cases/", matters.reference_list, name="reference_list"),
    path("cases/<int:pk>/", matters.reference_detail, name="reference_detail"),
]

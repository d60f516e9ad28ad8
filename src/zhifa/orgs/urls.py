from django.urls import path

from zhifa.orgs.views import accounts, agencies, security

app_name = "orgs"
urlpatterns = [
    path("accounts/login/", accounts.sign_in, name="login"),
    path("accounts/login/totp/", accounts.sign_in_totp, name="sign_in_totp"),
    path("accounts/logout/", accounts.sign_out, name="logout"),
    path("accounts/password/", accounts.password_change, name="password_change"),
    path("accounts/security/", security.security, name="security"),
    path("orgs/agencies/", agencies.agency_list, name="agency_list"),
    path("orgs/agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
]

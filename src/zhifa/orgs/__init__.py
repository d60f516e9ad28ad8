"""orgs: regions, domains, agencies, teams, officers, credentials, roles and the permission policy."""

from zhifa.orgs.models.agencies import Agency, Domain, Team
from zhifa.orgs.models.officers import Credential, Officer, RoleGrant
from zhifa.orgs.models.regions import Region
from zhifa.orgs.models.users import ApiToken, User

__all__ = ["Agency", "ApiToken", "Credential", "Domain", "Officer", "Region", "RoleGrant", "Team", "User"]

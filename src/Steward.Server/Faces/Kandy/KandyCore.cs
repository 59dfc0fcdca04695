using Steward.Core.Access;
using Steward.Core.Identity;
using Steward.Core.Tenancy;

namespace Steward.Server.Faces.Kandy;

/// <summary>The core services the handlers call, bound from DI in one parameter.</summary>
internal readonly record struct KandyCore(
    AccountService Accounts,
    OrganisationService Organisations,
    UnitService Units,
    UserService Users,
    DeviceService Devices,
    CredentialService Credentials,
    TokenService Tokens,
    TimeProvider Time);

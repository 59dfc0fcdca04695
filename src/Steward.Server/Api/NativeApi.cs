using Steward.Server.Auth;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>The native REST API at <c>/api/v1</c>: bearer authentication once on the group, one file per resource.</summary>
public static class NativeApi
{
    public static RouteGroupBuilder MapNativeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSurface("/api/v1", NativeErrorStyle.Instance)
            .RequireCaller(NativeBearer.Scheme)
            .AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapAccountsApi();
        api.MapOrganisationsApi();
        api.MapUnitsApi();
        api.MapUsersApi();
        api.MapMembershipsApi();
        api.MapDevicesApi();
        api.MapCredentialsApi();
        api.MapTokensApi();
        api.MapEventsApi();
        api.MapProductTypesApi();
        api.MapPlansApi();
        api.MapSubscriptionsApi();
        api.MapWebhooksApi();
        api.MapMerchantsApi();
        api.MapProductsApi();
        api.MapChargesApi();
        api.MapAssetsApi();
        api.MapReservationsApi();
        api.MapSigningKeysApi();
        return api;
    }
}

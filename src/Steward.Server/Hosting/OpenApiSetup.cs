using Microsoft.OpenApi;

namespace Steward.Server.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: title, and the bearer scheme of the native API.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddStewardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Steward",
                Version = "v1",
                Description = "Self-hosted account server: accounts, organisations, units, users, devices, credentials and tokens, a catalog of plans and users' subscriptions, and the event log. "
                    + "Get a token from POST /oauth/token and send it as 'Authorization: Bearer <token>'. Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An access token from POST /oauth/token.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }));
}

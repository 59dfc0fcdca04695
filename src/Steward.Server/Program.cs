using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;
using Steward.Core;
using Steward.Core.Options;
using Steward.Core.Webhooks;
using Steward.Core.Writes;
using Steward.Server.AdminConsole;
using Steward.Server.Api;
using Steward.Hosting;
using Steward.Server.Api.Wire;
using Steward.Server.Auth;
using Steward.Server.Faces.Kandy;
using Steward.Server.Faces.Spreedly;
using Steward.Server.Faces.Realms;
using Steward.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Defaults live in code, not in an appsettings file, so they hold whatever the working directory
// (`dotnet run --project` runs in the caller's directory, keeping ./data/ there). Configuration
// (environment, command line, appsettings.json beside the working directory) overrides them.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

foreach (var noisy in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
{
    if (builder.Configuration[$"Logging:LogLevel:{noisy}"] is null)
    {
        builder.Logging.AddFilter(noisy, LogLevel.Warning);
    }
}

// The console's Data Protection keys are kept unencrypted in a directory only Steward's user can read
// (as master.key is); the warning that says so at every first start is expected, not a fault.
if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] is null)
{
    builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
}

builder.Services.Configure<StewardOptions>(builder.Configuration.GetSection(StewardOptions.Section));
builder.Services.AddStewardStorage(builder.Configuration);
// Registered before the core so that it runs (migrations, bootstrap) before the core's background work.
builder.Services.AddHostedService<StartupService>();
builder.Services.AddStewardCore();
builder.Services.AddSingleton<IWebhookPayload, EventPayload>();
builder.AddStewardTelemetry();
builder.Services.ConfigureHttpJsonOptions(o => StewardJson.Configure(o.SerializerOptions));
builder.Services.AddSingleton<Surfaces>();
builder.Services.AddSignInGuard();
builder.Services.AddRealmSigning();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
builder.Services.AddStewardOpenApi();
builder.Services.AddConsole(builder.Configuration);
builder.WebHost.ConfigureKestrel(k =>
{
    // Bodies are small JSON documents; JsonBody enforces 64 KiB per request on top of this.
    k.Limits.MaxRequestBodySize = 1024 * 1024;
    k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;

    // Time limits on every request come from Kestrel: headers within 15 s, bodies at a minimum rate.
    // (ASP.NET's request-timeout middleware arms a timer per request; measured at ~8% lock contention
    // on the hot read path, and a write in the gate cannot be abandoned half-way anyway.)
    k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
    k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
    k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(240, TimeSpan.FromSeconds(5));
});

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = ex => ex switch
    {
        WriteFailedException => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    },

    // A request the server could not read (too large, too slow, malformed) is the client's error, answered
    // with its 4xx: logging each as a server failure, with its stack trace, would let any client flood the log.
    SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
});
app.UseSurfaceStatusPages();
app.UseRateLimiter();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", o => o.WithTitle("Steward API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapHealthApi();
app.MapStewardMetrics();
app.MapOAuthApi();
app.MapNativeApi();
app.MapKandyFace();
app.MapSpreedlyFace();
app.MapRealms();
app.MapConsole();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;

using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Steward.Core.Access;
using Steward.Core.Diagnostics;

namespace Steward.Server.Hosting;

/// <summary>
/// Metrics and traces, off unless configured. <c>Steward:Metrics:Enabled=true</c> serves Prometheus text
/// at <c>/metrics</c>; an OTLP endpoint (<c>Steward:Otlp:Endpoint</c> or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) exports traces and metrics there. With neither, nothing is
/// registered: no meter listener, no activity listener, no middleware, so the request path is the same
/// as a build without OpenTelemetry.
/// </summary>
public static class Telemetry
{
    private const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddStewardTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var metrics = config.GetValue<bool>("Steward:Metrics:Enabled");
        if (config["Steward:Otlp:Endpoint"] is { Length: > 0 } endpoint)
        {
            // Handed to the exporter as the standard variables, so it appends /v1/traces and /v1/metrics for http/protobuf itself.
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = config["Steward:Otlp:Protocol"] ?? config["OTEL_EXPORTER_OTLP_PROTOCOL"],
            });
        }

        var otlp = !string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!metrics && !otlp)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "steward"))
            .WithMetrics(m =>
            {
                m.AddMeter(StewardMetrics.Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (metrics)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(t => t
                .AddSource(StewardMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> when metrics are on. With <c>Steward:Metrics:BearerToken</c> or
    /// <c>Steward:Metrics:RequireRootToken=true</c> a scrape must send <c>Authorization: Bearer</c> with
    /// that token or with a root access token; otherwise the endpoint is open (keep it on an inner network).
    /// </summary>
    public static WebApplication MapStewardMetrics(this WebApplication app)
    {
        var config = app.Configuration;
        if (!config.GetValue<bool>("Steward:Metrics:Enabled"))
        {
            return app;
        }

        var scrapeToken = config["Steward:Metrics:BearerToken"] is { Length: > 0 } t ? Encoding.UTF8.GetBytes(t) : null;
        var requireRoot = config.GetValue<bool>("Steward:Metrics:RequireRootToken");
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch =>
        {
            if (scrapeToken is null && !requireRoot)
            {
                return;
            }

            branch.Use(async (http, next) =>
            {
                if (IsAuthorized(http, scrapeToken))
                {
                    await next(http);
                    return;
                }

                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
            });
        }, optionsName: null);
        return app;
    }

    private static bool IsAuthorized(HttpContext http, byte[]? scrapeToken)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = header.AsSpan(7).Trim();
        if (scrapeToken is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.ToString()), scrapeToken))
        {
            return true;
        }

        var validated = http.RequestServices.GetRequiredService<TokenService>().Validate(presented);
        return validated.IsSuccess && validated.Value.IsRoot;
    }
}

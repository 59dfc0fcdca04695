using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Steward.Core.Diagnostics;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional;

/// <summary>/metrics is off unless configured; on, it serves Prometheus text with Steward's own instruments.</summary>
public sealed class MetricsTests
{
    [StewardFact]
    public async Task Metrics_are_off_by_default_and_nothing_is_registered()
    {
        using var server = new StewardFactory();
        using var client = server.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(server.Services.GetService<MeterProvider>());
        Assert.Null(server.Services.GetService<TracerProvider>());
    }

    [StewardFact]
    public async Task Enabled_metrics_serve_the_steward_instruments_as_Prometheus_text()
    {
        using var server = StewardFactory.With(("Steward:Metrics:Enabled", "true"));
        using var tenant = await server.NewTenantAsync();
        await tenant.Http.NewOrganisationAsync();
        StewardMetrics.ChargesIngested.Add(3);

        using var response = await server.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        foreach (var name in new[]
        {
            "steward_tokens_issued_total{",
            "steward_writes_total",
            "steward_write_gate_batch_size_bucket",
            "steward_write_gate_wait_seconds_bucket",
            "steward_charges_ingested_total",
            "http_server_request_duration_seconds_bucket",
        })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.NotNull(server.Services.GetService<MeterProvider>());
        Assert.Null(server.Services.GetService<TracerProvider>());
    }

    [StewardFact]
    public async Task A_scrape_token_or_a_root_token_is_required_when_configured()
    {
        using var server = StewardFactory.With(("Steward:Metrics:Enabled", "true"), ("Steward:Metrics:BearerToken", "scrape-0123456789"));
        using var tenant = await server.NewTenantAsync();
        var root = await server.RootTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(server, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(server, "scrape-wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(server, tenant.Account.Token));
        Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(server, "scrape-0123456789"));
        Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(server, root));
    }

    [StewardFact]
    public async Task With_an_OTLP_endpoint_traces_are_exported_there()
    {
        await using var collector = await Webhooks.WebhookReceiver.StartAsync();
        var server = StewardFactory.With(("Steward:Otlp:Endpoint", collector.BaseUrl), ("Steward:Otlp:Protocol", "http/protobuf"));
        try
        {
            using var tenant = await server.NewTenantAsync();
            await tenant.Http.NewOrganisationAsync();
            Assert.NotNull(server.Services.GetService<TracerProvider>());
        }
        finally
        {
            // Stopping flushes the exporters.
            server.Dispose();
        }

        var seen = new List<Webhooks.ReceivedWebhook>();
        var traces = await collector.NextMatchingAsync(r => r.Path == "/v1/traces", seen);
        Assert.Equal("application/x-protobuf", traces.ContentType);
    }

    private static async Task<HttpStatusCode> ScrapeAsync(StewardFactory server, string? token)
    {
        using var client = server.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        return response.StatusCode;
    }
}

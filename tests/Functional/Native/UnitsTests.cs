using System.Net;
using Steward.Functional.Infrastructure;

namespace Steward.Functional.Native;

/// <summary>Units: <c>/api/v1/organisations/{id}/units</c> and <c>/api/v1/units/{id}</c>.</summary>
public sealed class UnitsTests(StewardFactory factory) : IClassFixture<StewardFactory>
{
    [StewardFact]
    public async Task Create_list_get_patch_and_delete_a_unit()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");

        using var created = await a.Http.PostJsonAsync($"/api/v1/organisations/{orgId}/units", new { name = "billing", billing_day = 15 });
        var unit = await created.ExpectJsonAsync(HttpStatusCode.Created);
        var id = unit.Str("id");
        Assert.StartsWith("unit-", id, StringComparison.Ordinal);
        Assert.Equal(orgId, unit.Str("organisation_id"));
        Assert.Equal("billing", unit.Str("name"));
        Assert.Equal(15, unit.Number("billing_day"));
        Assert.Equal("/api/v1/units/" + id, created.Headers.Location?.OriginalString);

        var other = await a.Http.NewUnitAsync(orgId);
        Assert.Equal(1, other.Number("billing_day"));
        Assert.Equal([id, other.Str("id")], (await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/units")).Ids());

        using (var read = await a.Http.GetAsync(new Uri("/api/v1/units/" + id, UriKind.Relative)))
        {
            var body = await read.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal(15, body.Number("billing_day"));
            Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        }

        using (var patched = await a.Http.PatchJsonAsync("/api/v1/units/" + id, new { billing_day = 28, name = "renamed" }))
        {
            var body = await patched.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.Equal(28, body.Number("billing_day"));
            Assert.Equal("renamed", body.Str("name"));
            Assert.Equal(2, body.Number("version"));
        }

        Assert.Equal(28, (await a.Http.GetOkAsync("/api/v1/units/" + id)).Number("billing_day"));

        await a.Http.ExpectAsync(HttpMethod.Delete, "/api/v1/units/" + id, HttpStatusCode.NoContent);
        await a.Http.ExpectProblemAsync(HttpMethod.Get, "/api/v1/units/" + id, HttpStatusCode.NotFound, code: "not-found");
        Assert.Equal([other.Str("id")], (await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/units")).Ids());
    }

    [StewardTheory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(-1)]
    [InlineData(31)]
    public async Task Billing_day_outside_1_to_28_is_refused_on_create_and_patch(int day)
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");

        using (var response = await a.Http.PostJsonAsync($"/api/v1/organisations/{orgId}/units", new { name = "u", billing_day = day }))
        {
            await response.ExpectValidationAsync("billing_day");
        }

        Assert.Empty((await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/units")).Items());

        var unit = await a.Http.NewUnitAsync(orgId, billingDay: 3);
        using (var response = await a.Http.PatchJsonAsync("/api/v1/units/" + unit.Str("id"), new { billing_day = day }))
        {
            await response.ExpectValidationAsync("billing_day");
        }

        Assert.Equal(3, (await a.Http.GetOkAsync("/api/v1/units/" + unit.Str("id"))).Number("billing_day"));
    }

    [StewardFact]
    public async Task Create_names_a_missing_name_and_refuses_a_duplicate()
    {
        using var a = await factory.NewTenantAsync();
        var orgId = (await a.Http.NewOrganisationAsync()).Str("id");
        using (var response = await a.Http.PostJsonAsync($"/api/v1/organisations/{orgId}/units", new { billing_day = 2 }))
        {
            await response.ExpectValidationAsync("name");
        }

        await a.Http.NewUnitAsync(orgId, name: "same");
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/organisations/{orgId}/units", HttpStatusCode.Conflict, new { name = "same" }, "conflict");
        Assert.Single((await a.Http.GetOkAsync($"/api/v1/organisations/{orgId}/units")).Items());
    }

    [StewardFact]
    public async Task A_unit_in_an_unknown_organisation_is_not_found()
    {
        using var a = await factory.NewTenantAsync();
        await a.Http.ExpectProblemAsync(HttpMethod.Post, $"/api/v1/organisations/{NativeKit.UnknownId("org")}/units", HttpStatusCode.NotFound, new { name = "u" }, "not-found");
        await a.Http.ExpectProblemAsync(HttpMethod.Get, $"/api/v1/organisations/{NativeKit.UnknownId("org")}/units", HttpStatusCode.NotFound, code: "not-found");
    }
}

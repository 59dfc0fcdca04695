using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Assets;
using Steward.Core.Ids;
using Steward.Core.Storage;
using Steward.Functional.Infrastructure;
using Steward.Functional.Native;

namespace Steward.Functional.Assets;

/// <summary>An organisation, a unit, a storage product and a user of one account: a home for an asset of each scope.</summary>
public sealed record AssetScopesTree(string OrgId, string UnitId, string ProductId, string UserId);

/// <summary>Set-up and request helpers for the asset tests, over real HTTP.</summary>
public static class AssetKit
{
    public static async Task<AssetScopesTree> NewScopesAsync(this HttpClient account)
    {
        var (orgId, unitId, productId) = await account.NewProductTreeAsync();
        var userId = (await account.NewUserAsync(organisationId: orgId)).Str("id");
        return new AssetScopesTree(orgId, unitId, productId, userId);
    }

    /// <summary>Creates an asset from a JSON body that must be accepted.</summary>
    public static async Task<JsonElement> NewAssetAsync(this HttpClient client, object body)
    {
        using var response = await client.PostJsonAsync("/api/v1/assets", body);
        return await response.ExpectJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A global asset with a fresh name.</summary>
    public static Task<JsonElement> NewGlobalAssetAsync(this HttpClient client, string content = "value", bool secret = false) =>
        client.NewAssetAsync(new { name = NativeKit.Unique("a-"), scope = "global", content, secret });

    /// <summary>A multipart/form-data body of text fields and, optionally, files (name, file name, bytes).</summary>
    public static MultipartFormDataContent Form(IEnumerable<(string Name, string Value)> fields, params (string Name, string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            // Written by hand: the framework's Add refuses an empty file name, which some clients send.
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"", FileName = $"\"{fileName}\"" };
            form.Add(part);
        }

        return form;
    }

    public static async Task<HttpResponseMessage> SendFormAsync(this HttpClient client, HttpMethod method, string url, HttpContent form)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = form };
        return await client.SendAsync(request);
    }

    /// <summary>The asset's row as stored, read straight from the database.</summary>
    public static async Task<Asset> StoredAssetAsync(this StewardFactory factory, string id)
    {
        Assert.True(PublicId.TryParse<Asset>(id, out var guid));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<StewardDb>>().CreateDbContextAsync();
        return await db.Set<Asset>().AsNoTracking().SingleAsync(a => a.Id == guid);
    }

    /// <summary>The caller's events about one subject, oldest first.</summary>
    public static async Task<List<JsonElement>> EventsOfAsync(this HttpClient client, string subjectId) =>
        [.. (await client.EventsAsync()).Where(e => e.Str("subject_id") == subjectId)];
}

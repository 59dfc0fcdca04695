using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Steward.Core.Assets;
using Steward.Core.Results;
using Steward.Core.Tenancy;
using Steward.Server.Api.Wire;
using Steward.Server.Hosting;

namespace Steward.Server.Api;

/// <summary>
/// Reads the body of an asset's creation or change: JSON (<see cref="AssetRequest"/>) or
/// <c>multipart/form-data</c> with the same fields as parts and the content either as text
/// (<c>content</c>) or as a file part (<c>content_file</c>, UTF-8 text). Content over the configured
/// limit is refused with 413 naming the field it came in; a malformed body with 400 on <c>body</c>.
/// </summary>
public static class AssetBody
{
    /// <summary>
    /// The body limit of the asset endpoints: room for the largest content even when JSON escapes it
    /// (up to six bytes a character for <c>\uXXXX</c>, rare), plus the other fields. The content's own
    /// limit is checked exactly by the core, in UTF-8 bytes.
    /// </summary>
    public static long MaxBodyBytes(int maxContentBytes) => (4L * maxContentBytes) + JsonBody.MaxBytes;

    public static async Task<Result<AssetInput>> ReadAsync(HttpContext http, int maxContentBytes)
    {
        var limit = MaxBodyBytes(maxContentBytes);

        // Raised here as well as by the endpoint's metadata, for servers that only honour the feature.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            return JsonBody.TooLarge(limit);
        }

        if (http.Request.HasFormContentType)
        {
            return await ReadFormAsync(http, limit, maxContentBytes);
        }

        var body = await JsonBody.ReadAsync<AssetRequest>(http.Request, StewardJson.Options, maxBytes: limit);
        if (body.Error is { } error)
        {
            return error;
        }

        var b = body.Value;
        var account = Http.OptionalId<Account>(b.AccountId, "account_id");
        return account.IsSuccess
            ? new AssetInput(b.Name, b.Scope, b.ScopeId, b.Description, b.Secret, b.Content, b.Enabled, "content", account.Value)
            : account.Error!;
    }

    private static async Task<Result<AssetInput>> ReadFormAsync(HttpContext http, long limit, int maxContentBytes)
    {
        var options = new FormOptions
        {
            MultipartBodyLengthLimit = limit,
            ValueLengthLimit = (int)Math.Min(limit, int.MaxValue),
            MemoryBufferThreshold = (int)Math.Min(limit, int.MaxValue),
            ValueCountLimit = 64,
        };
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, options));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The form reader's own limits (the body's length, a part's headers) say "… limit exceeded".
            return Error.PayloadTooLarge($"The body is too large: {ex.Message}", "body", $"The body must be at most {limit / 1024} KiB.");
        }
        catch (InvalidDataException ex)
        {
            return Error.Invalid("body", $"The multipart body is malformed: {ex.Message}");
        }
        catch (Exception ex) when (JsonBody.UnreadableBody(ex) is { } unreadable)
        {
            return unreadable;
        }

        var v = new Validator();
        var secret = Flag(v, form, "secret");
        var enabled = Flag(v, form, "enabled");
        var account = Http.OptionalId<Account>(Single(v, form, "account_id"), "account_id");
        if (!account.IsSuccess)
        {
            return account.Error!;
        }

        var content = Single(v, form, "content");
        var field = "content";

        // A client with no file may still send an empty file part (filename=""): the framework reads it as
        // a plain value, which means "no file" and is ignored (the Account Server's Python client does this).
        var files = form.Files.GetFiles("content_file").Where(f => f.FileName.Length > 0).ToList();
        if (files.Count > 1)
        {
            v.Add("content_file", "content_file is given more than once; send one file.");
        }
        else if (files.Count == 1)
        {
            if (content is not null)
            {
                v.Add("content", "Give the content as text (content) or as a file (content_file), not both.");
            }
            else if (files[0].Length > maxContentBytes)
            {
                return AssetRules.TooLarge("content_file", maxContentBytes);
            }
            else
            {
                field = "content_file";
                content = await ReadTextAsync(v, files[0], http.RequestAborted);
            }
        }

        var name = Single(v, form, "name");
        var scope = Single(v, form, "scope");
        var scopeId = Single(v, form, "scope_id");
        var description = Single(v, form, "description");
        return v.IsValid
            ? new AssetInput(name, scope, scopeId, description, secret, content, enabled, field, account.Value)
            : v.ToError();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A file part as text: UTF-8 (a leading byte-order mark is dropped); anything else is refused.</summary>
    private static async Task<string?> ReadTextAsync(Validator v, IFormFile file, CancellationToken ct)
    {
        using var memory = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(memory, ct);
        }

        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            v.Add("content_file", FieldRule.Format, "content_file must be UTF-8 text; an asset holds text.");
            return null;
        }
    }

    /// <summary>A form field given at most once; null when absent.</summary>
    private static string? Single(Validator v, IFormCollection form, string key)
    {
        if (!form.TryGetValue(key, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            v.Add(key, $"{key} is given more than once; send each field once.");
            return null;
        }

        return values[0];
    }

    /// <summary>A true/false form field, in any case (<c>True</c> from Python, <c>true</c> from JavaScript).</summary>
    private static bool? Flag(Validator v, IFormCollection form, string key)
    {
        var text = Single(v, form, key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var flag))
        {
            return flag;
        }

        v.Add(key, FieldRule.Format, $"{key} must be true or false.");
        return null;
    }
}

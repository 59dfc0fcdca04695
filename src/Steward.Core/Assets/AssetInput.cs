using System.Text;
using Steward.Core.Billing;
using Steward.Core.Results;

namespace Steward.Core.Assets;

/// <summary>
/// Input for creating or changing an asset; null fields are left as they are on update (where scope,
/// scope id and secret cannot be given). <paramref name="ScopeId"/> is the scope's public id
/// (<c>org-…</c>). <paramref name="ContentField"/> names the field the content came from
/// (<c>content</c>, or <c>content_file</c> for an uploaded file), for the errors about it.
/// <paramref name="AccountId"/> is root's choice of account for a global asset.
/// </summary>
public sealed record AssetInput(
    string? Name = null,
    string? Scope = null,
    string? ScopeId = null,
    string? Description = null,
    bool? Secret = null,
    string? Content = null,
    bool? Enabled = null,
    string ContentField = "content",
    Guid? AccountId = null);

/// <summary>What narrows a list of assets: a scope, a scope id (its prefix names the scope), a page.</summary>
public sealed record AssetFilter(string? Scope = null, string? ScopeId = null, int? Limit = null, string? Cursor = null)
{
    /// <summary>Whether the items carry their content (the Account Server lists it); off, content is null and is not even read.</summary>
    public bool WithContent { get; init; }
}

/// <summary>A merchant an asset is attached to, and since when.</summary>
public sealed record AttachedMerchant(Merchant Merchant, DateTimeOffset AttachedAt);

/// <summary>An asset as a reader sees it: the row and the merchants it is attached to (a merchant sees only itself).</summary>
public sealed record AssetView(Asset Asset, IReadOnlyList<AttachedMerchant> Merchants)
{
    /// <summary>The content shown on read: an asset's that is not secret; never a secret one's (null).</summary>
    public string? Content => Asset.Secret ? null : Asset.Content;
}

/// <summary>An asset's content as given to a merchant it is attached to (or, when not secret, to a reader).</summary>
public sealed record RevealedAsset(AssetView View, string Content);

/// <summary>The checks on an asset's name and content, shared by creation and change.</summary>
public static class AssetRules
{
    /// <summary>Checks a name: an RFC 1123 label. Null when absent and not <paramref name="required"/>.</summary>
    public static string? Name(Validator v, string? raw, bool required)
    {
        if (raw is null && !required)
        {
            return null;
        }

        var name = v.Required("name", raw, AssetConfiguration.NameLength);
        if (name.Length > 0 && !IsLabel(name))
        {
            v.Add("name", FieldRule.Format, "name must be an RFC 1123 label: 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (such as licence-key).");
        }

        return name;
    }

    public static bool IsLabel(string name) =>
        name.Length is >= 1 and <= AssetConfiguration.NameLength
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-'
        && name[^1] != '-';

    /// <summary>
    /// Checks content: text that both databases can store (no NUL character, no lone surrogate), and no
    /// larger than <paramref name="maxBytes"/> in UTF-8. Size is its own error (413), not a field rule.
    /// </summary>
    public static Error? Content(Validator v, string field, string content, int maxBytes, out int length)
    {
        length = 0;
        if (content.Length > maxBytes)
        {
            return TooLarge(field, maxBytes);
        }

        try
        {
            length = Strict.GetByteCount(content);
        }
        catch (EncoderFallbackException)
        {
            v.Add(field, FieldRule.Format, $"{field} must be valid Unicode text (it holds a lone surrogate).");
            return null;
        }

        if (length > maxBytes)
        {
            return TooLarge(field, maxBytes);
        }

        if (content.Contains('\0', StringComparison.Ordinal))
        {
            v.Add(field, FieldRule.Format, $"{field} must not contain NUL characters; an asset holds text.");
        }

        return null;
    }

    public static Error TooLarge(string field, int maxBytes)
    {
        var limit = maxBytes % 1024 == 0 ? $"{maxBytes / 1024} KiB" : $"{maxBytes} bytes";
        return Error.PayloadTooLarge($"The asset's content is larger than the limit of {limit}.", field, $"{field} must be at most {limit} (UTF-8).");
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

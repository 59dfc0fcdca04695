using System.Text;

namespace Steward.Server.Auth;

/// <summary>What an <c>Authorization: Basic</c> header held (RFC 7617).</summary>
internal enum BasicState
{
    /// <summary>No Basic header (none at all, or another scheme).</summary>
    Absent,

    /// <summary>A Basic header whose credentials are not base64.</summary>
    Malformed,

    /// <summary>Decoded; <see cref="BasicCredentials.Password"/> is null when there was no colon.</summary>
    Present,
}

internal readonly record struct BasicCredentials(BasicState State, string User = "", string? Password = null);

/// <summary>Reads the <c>Authorization</c> header's two schemes. The schemes in this folder are its only readers.</summary>
internal static class AuthorizationHeader
{
    private const string BearerPrefix = "Bearer ";
    private const string BasicPrefix = "Basic ";

    /// <summary>The token of <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750), or false when the header is not one.</summary>
    public static bool TryGetBearer(HttpRequest request, out string header)
    {
        header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The token of a header <see cref="TryGetBearer"/> accepted, without copying it.</summary>
    public static ReadOnlySpan<char> BearerToken(string header) => header.AsSpan(BearerPrefix.Length).Trim();

    public static BasicCredentials ReadBasic(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new(BasicState.Absent);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[BasicPrefix.Length..].Trim()));
        }
        catch (FormatException)
        {
            return new(BasicState.Malformed);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new(BasicState.Present, decoded)
            : new(BasicState.Present, decoded[..colon], decoded[(colon + 1)..]);
    }
}

using System.Buffers.Text;
using Steward.Core.Results;

namespace Steward.Core.Storage;

/// <summary>One page of a list and the opaque cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// A page of a list, optionally narrowed to rows whose names contain <see cref="Search"/> (the admin
/// console's search boxes). Matching is case-insensitive for ASCII letters on both databases.
/// </summary>
public sealed record ListQuery(int? Limit = null, string? Cursor = null, string? Search = null)
{
    public const int MaxSearchLength = 100;

    /// <summary>The search term, trimmed, lower-cased and cut to <see cref="MaxSearchLength"/>; null when there is none.</summary>
    public string? Term
    {
        get
        {
            var term = Search?.Trim();
            if (string.IsNullOrEmpty(term))
            {
                return null;
            }

            return (term.Length > MaxSearchLength ? term[..MaxSearchLength] : term).ToLowerInvariant();
        }
    }
}

/// <summary>Cursor pagination over UUID v7 keys, which sort in creation order in both databases.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static Result<(int Limit, Guid? After)> Parse(int? limit, string? cursor)
    {
        var v = new Validator();
        if (limit is < 1 or > MaxLimit)
        {
            v.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            Span<byte> bytes = stackalloc byte[16];
            if (cursor.Length != 22 || Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 16)
            {
                v.Add("cursor", "cursor is not one this server handed out; start again without it.");
            }
            else
            {
                after = new Guid(bytes, bigEndian: true);
            }
        }

        return v.IsValid ? (limit ?? DefaultLimit, after) : v.ToError();
    }

    public static Page<T> Build<T>(List<T> rows, int limit, Func<T, Guid> key)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        Span<byte> bytes = stackalloc byte[16];
        key(rows[^1]).TryWriteBytes(bytes, bigEndian: true, out _);
        return new Page<T>(rows, Base64Url.EncodeToString(bytes));
    }
}

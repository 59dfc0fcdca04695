using System.Buffers.Binary;
using System.Buffers.Text;
using Steward.Core.Results;
using Steward.Core.Storage;

namespace Steward.Core.Billing;

/// <summary>
/// Which charges a reader asks for: a billing period (<c>pbp</c> 0 the current one, back to -23), or a
/// date range <c>from</c> (inclusive) .. <c>until</c> (exclusive), in UTC days. Without either, the
/// current period.
/// </summary>
public sealed record ChargeWindowInput(DateOnly? From = null, DateOnly? Until = null, int? Pbp = null)
{
    public const int OldestPeriod = -23;

    /// <summary>The longest date range one request may ask for.</summary>
    public const int MaxRangeDays = 731;

    public bool IsRange => From is not null || Until is not null;

    /// <summary>Checks the input; a range without one end gets the other from <paramref name="today"/>.</summary>
    public Result<ChargeWindowInput> Validate(DateOnly today)
    {
        var v = new Validator();
        if (Pbp is { } pbp)
        {
            v.Range("pbp", pbp, OldestPeriod, 0, $"pbp must be between {OldestPeriod} and 0 (0 is the current billing period).");
            if (IsRange)
            {
                v.Add("pbp", "Give either pbp or from/until, not both.");
            }
        }

        if (!IsRange)
        {
            return v.IsValid ? this : v.ToError();
        }

        var until = Until ?? today.AddDays(1);
        var from = From ?? until.AddMonths(-1);
        if (from >= until)
        {
            v.Add("until", FieldRule.OutOfRange, "until must be after from (from is inclusive, until exclusive).");
        }
        else if (until.DayNumber - from.DayNumber > MaxRangeDays)
        {
            v.Add("until", FieldRule.OutOfRange, $"A date range spans at most {MaxRangeDays} days.", new Dictionary<string, object> { ["max"] = MaxRangeDays });
        }

        return v.IsValid ? new ChargeWindowInput(from, until, null) : v.ToError();
    }

    /// <summary>The window for a unit with <paramref name="billingDay"/>: the asked period of that unit, or the range.</summary>
    public ChargeWindow For(DateOnly today, int billingDay)
    {
        if (IsRange)
        {
            return new ChargeWindow(From!.Value, Until!.Value, null);
        }

        var (from, until) = BillingDay.Period(today, billingDay, Pbp ?? 0);
        return new ChargeWindow(from, until, Pbp ?? 0);
    }
}

/// <summary>A resolved window: its days, and the period offset when it is a billing period (null for a date range).</summary>
public sealed record ChargeWindow(DateOnly From, DateOnly Until, int? Pbp)
{
    public bool IsPeriod => Pbp is not null;

    /// <summary>Whether a summary row is inside the window: its period (period window) or its day (range).</summary>
    public bool Covers(ChargeTotal t) => IsPeriod ? t.PeriodStart == From : t.Day >= From && t.Day < Until;
}

/// <summary>Sums of summary rows: coins by kind, lines, and what arrived after the period closed.</summary>
public sealed record ChargeSums(decimal Processing, decimal Storage, decimal Fees, decimal Credits, long Lines, decimal PostFinalCoins, long PostFinalLines)
{
    public static readonly ChargeSums Zero = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The statement's coins (post-final lines excluded), signed.</summary>
    public decimal Coins => Processing + Storage + Fees + Credits;

    public static ChargeSums Of(IEnumerable<ChargeTotal> rows) =>
        rows.Aggregate(Zero, (s, t) => new ChargeSums(
            s.Processing + t.Processing, s.Storage + t.Storage, s.Fees + t.Fees, s.Credits + t.Credits,
            s.Lines + t.Lines, s.PostFinalCoins + t.PostFinalCoins, s.PostFinalLines + t.PostFinalLines));

    public ChargeSums Plus(ChargeSums o) =>
        new(Processing + o.Processing, Storage + o.Storage, Fees + o.Fees, Credits + o.Credits, Lines + o.Lines, PostFinalCoins + o.PostFinalCoins, PostFinalLines + o.PostFinalLines);
}

/// <summary>Paging over ledger lines, whose keys are sequential numbers: an opaque cursor after a line.</summary>
public static class LinePaging
{
    public const int DefaultLimit = 100;

    public static Result<(int Limit, long After)> Parse(int? limit, string? cursor)
    {
        var v = new Validator();
        if (limit is < 1 or > Paging.MaxLimit)
        {
            v.Add("limit", $"limit must be between 1 and {Paging.MaxLimit}.");
        }

        long after = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            Span<byte> bytes = stackalloc byte[8];
            if (cursor.Length != 11 || Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 8)
            {
                v.Add("cursor", "cursor is not one this server handed out; start again without it.");
            }
            else
            {
                after = BinaryPrimitives.ReadInt64BigEndian(bytes);
            }
        }

        return v.IsValid ? (limit ?? DefaultLimit, after) : v.ToError();
    }

    public static string Cursor(long after)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, after);
        return Base64Url.EncodeToString(bytes);
    }
}

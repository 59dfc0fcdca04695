namespace Steward.Core.Billing;

/// <summary>What a ledger line is for. Stored as its number; never renumber.</summary>
public enum ChargeKind
{
    /// <summary>Work a merchant did (a job, a query), with who asked for it.</summary>
    Processing = 0,

    /// <summary>One day's storage, with the rate it is billed at.</summary>
    Storage = 1,

    /// <summary>A named fee (set-up, support), in a group.</summary>
    Fee = 2,

    /// <summary>Coins given back; recorded as a negative amount.</summary>
    Credit = 3,
}

/// <summary>
/// One line of the ledger: coins a merchant charged to a product. Lines are only ever added. The
/// unit, organisation and account are copied from the product so that readers need no join, and the
/// billing period the line falls in is stamped when it is recorded.
/// </summary>
public sealed class ChargeLine
{
    /// <summary>Sequential, in recording order; the record number faces show.</summary>
    public long Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UnitId { get; set; }

    public Guid ProductId { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>The merchant's own id for the line; a line whose id the merchant already sent is a duplicate.</summary>
    public string ExternalId { get; set; } = "";

    public ChargeKind Kind { get; set; }

    /// <summary>Signed: credits are negative, every other kind is zero or more.</summary>
    public decimal Coins { get; set; }

    /// <summary>Storage lines: coins per day at the time of the line.</summary>
    public decimal? BurnRate { get; set; }

    /// <summary>Processing: the user the work was done for.</summary>
    public string? Username { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Fees: the group a fee is shown under.</summary>
    public string? Group { get; set; }

    /// <summary>The merchant's sequence number for the line (<c>sqn</c>).</summary>
    public long Sequence { get; set; }

    /// <summary>Free-form JSON object the merchant attached.</summary>
    public string? AdditionalData { get; set; }

    /// <summary>When the charged work happened (the merchant's time; the recording time when not given).</summary>
    public DateTimeOffset Timestamp { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>UTC date of <see cref="Timestamp"/>.</summary>
    public DateOnly Day { get; set; }

    /// <summary>First day of the unit's billing period that holds <see cref="Day"/>, at the time of recording.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>The period was already closed when the line arrived: the frozen statement does not include it.</summary>
    public bool PostFinal { get; set; }
}

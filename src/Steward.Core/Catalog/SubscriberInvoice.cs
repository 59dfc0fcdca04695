namespace Steward.Core.Catalog;

/// <summary>What an invoice is for. Stored as its number; never renumber.</summary>
public enum InvoiceKind
{
    /// <summary>A subscriber asked to buy a paid plan on the sign-up page: the first period, pending payment.</summary>
    SignUp = 0,

    /// <summary>Fees added to an active recurring subscriber, owed with the next renewal.</summary>
    Fees = 1,
}

/// <summary>
/// Money a subscriber owes the site (Spreedly's invoice): open until the site's own billing settles
/// it, since Steward takes no card payments. A subscriber has at most one open invoice of each kind;
/// fees and repeated sign-ups add lines to it.
/// </summary>
public sealed class SubscriberInvoice
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>A random token that names the invoice on the wire; unique on the server.</summary>
    public string Token { get; set; } = "";

    public InvoiceKind Kind { get; set; }

    /// <summary>Settled (paid, or given up); nothing is added to a closed invoice.</summary>
    public bool Closed { get; set; }

    /// <summary>The sum of the lines.</summary>
    public decimal Amount { get; set; }

    public string CurrencyCode { get; set; } = PlanRules.DefaultCurrency;

    /// <summary>Sign-up: the plan (its integer id) and the version of its terms that was asked for.</summary>
    public long? PlanNumber { get; set; }

    public Guid? PlanVersionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>In the order they were added.</summary>
    public List<SubscriberInvoiceLine> Lines { get; set; } = [];
}

/// <summary>One line of an invoice: a period of a plan, or a fee.</summary>
public sealed class SubscriberInvoiceLine
{
    public long Id { get; set; }

    public Guid InvoiceId { get; set; }

    public Guid AccountId { get; set; }

    public decimal Amount { get; set; }

    public string CurrencyCode { get; set; } = PlanRules.DefaultCurrency;

    /// <summary>What is charged: <c>Initial 1 month</c>, a fee's name.</summary>
    public string Description { get; set; } = "";

    /// <summary>More about it: what later periods cost, a fee's description.</summary>
    public string? Notes { get; set; }

    /// <summary>Fees: the group the site shows the fee under.</summary>
    public string? Group { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

namespace Steward.Core.Billing;

/// <summary>
/// One product's budget as this instance holds it in memory: the facts the spend check needs (whose
/// it is, its limit, its period and the coins used in it), the reservations held here with their
/// expiries, and (with leases) this instance's lease. Every field is read and changed under the
/// object's lock; <see cref="SpendBook"/> is the only user.
/// </summary>
internal sealed class ProductBudget(Guid productId)
{
    private readonly Dictionary<Guid, decimal> open = [];
    private readonly PriorityQueue<Guid, DateTimeOffset> expiries = new();

    public Guid ProductId { get; } = productId;

    public bool Loaded { get; set; }

    /// <summary>Set when the book dropped it: whoever still holds it must look it up again.</summary>
    public bool Evicted { get; set; }

    public Guid AccountId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UnitId { get; set; }

    public bool Deleted { get; set; }

    public decimal Limit { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary>The first instant after the current period; past it the facts are loaded again.</summary>
    public DateTimeOffset PeriodEnd { get; set; }

    /// <summary>The period's used coins (the ledger's summary rows, then every line recorded here since).</summary>
    public decimal Used { get; set; }

    /// <summary>Coins of the open reservations held here (those not yet stored included).</summary>
    public decimal Reserved { get; private set; }

    public int OpenCount => open.Count;

    /// <summary>With leases: the coins this instance may hold in open reservations of the product.</summary>
    public decimal Lease { get; set; }

    /// <summary>With leases: the lease may be used until then (half its lifetime after it was last renewed).</summary>
    public DateTimeOffset LeaseValidUntil { get; set; }

    /// <summary>With leases: a grant found no room; until then another is not asked for.</summary>
    public DateTimeOffset ExhaustedUntil { get; set; }

    /// <summary>With leases: the coins of the checks waiting for a grant.</summary>
    public decimal Waiting { get; set; }

    /// <summary>With leases: the room the database had when a grant last fell short.</summary>
    public decimal RoomSeen { get; set; }

    public DateTimeOffset LastActivity { get; set; }

    /// <summary>A load of the facts under way, awaited by every caller that needs them.</summary>
    public Task<bool>? Loading { get; set; }

    /// <summary>A lease grant under way, awaited by every caller that needs it.</summary>
    public Task? Granting { get; set; }

    /// <summary>Whether nothing is held: no open reservation, no lease, nothing under way.</summary>
    public bool IsIdle => open.Count == 0 && Lease == 0 && Loading is null && Granting is null;

    public void Hold(Guid id, decimal coins, DateTimeOffset expiresAt)
    {
        if (open.TryAdd(id, coins))
        {
            Reserved += coins;
            expiries.Enqueue(id, expiresAt);
        }
    }

    /// <summary>Forgets a reservation (closed, expired, or its write failed); forgetting twice changes nothing.</summary>
    public void Drop(Guid id)
    {
        if (open.Remove(id, out var coins))
        {
            Reserved -= coins;
        }
    }

    /// <summary>Frees the coins of reservations whose expiry has passed; the sweeper stores their expiry.</summary>
    public void ExpireDue(DateTimeOffset now)
    {
        while (expiries.TryPeek(out var id, out var at) && at <= now)
        {
            expiries.Dequeue();
            Drop(id);
        }
    }
}

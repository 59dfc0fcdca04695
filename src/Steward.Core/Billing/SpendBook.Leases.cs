using Microsoft.Extensions.Logging;
using Steward.Core.Access;
using Steward.Core.Results;

namespace Steward.Core.Billing;

/// <summary>The lease side of the book: asking the database for a larger lease, and what the sweeper gives back and learns.</summary>
public sealed partial class SpendBook
{
    /// <summary>
    /// Asks the database to grow this instance's lease of the product by at least <paramref name="need"/>
    /// (and by what every check waiting for it needs, when there is room), renewing it.
    /// </summary>
    private async Task GrantAsync(ProductBudget budget, decimal need)
    {
        try
        {
            var granted = await gate.ExecuteAsync(Principal.System, async ctx =>
            {
                decimal want;
                lock (budget)
                {
                    want = Math.Max(need, budget.Reserved + budget.Waiting - budget.Lease);
                }

                var state = await SpendLeases.GrantAsync(ctx, budget.ProductId, InstanceId, need, want);
                if (state.IsSuccess)
                {
                    var now = ctx.Now;
                    ctx.AfterCommit(() => ApplyLease(budget, state.Value, now));
                }

                return state;
            });

            if (granted.Error is { Code: ErrorCode.NotFound })
            {
                lock (budget)
                {
                    budget.Deleted = true;
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A lease of product {ProductId} could not be granted.", budget.ProductId);
        }
        finally
        {
            lock (budget)
            {
                budget.Granting = null;
            }
        }
    }

    private void ApplyLease(ProductBudget budget, LeaseState state, DateTimeOffset renewedAt)
    {
        lock (budget)
        {
            budget.Lease = state.Coins;
            budget.LeaseValidUntil = renewedAt + (LeaseLifetime / 2);
            if (!state.Enough)
            {
                // Asks that need more than the room the database had are refused for a moment without asking again.
                budget.ExhaustedUntil = time.GetUtcNow() + GrantBackoff;
                budget.RoomSeen = state.Room;
            }
        }
    }

    /// <summary>
    /// For the sweeper: takes the unused part of the leases of products without a reservation for
    /// <paramref name="idle"/> off memory first (so no check counts on it), to be given back.
    /// </summary>
    internal IReadOnlyDictionary<Guid, decimal> TakeIdleLeaseRoom(DateTimeOffset now, TimeSpan idle)
    {
        var room = new Dictionary<Guid, decimal>();
        foreach (var budget in budgets.Values)
        {
            lock (budget)
            {
                if (budget.Granting is null && now - budget.LastActivity >= idle && budget.Lease > budget.Reserved)
                {
                    room[budget.ProductId] = budget.Lease - budget.Reserved;
                    budget.Lease = budget.Reserved;
                }
            }
        }

        return room;
    }

    /// <summary>
    /// For the sweeper, after its commit: this instance's leases as the database holds them (a product
    /// absent has none), and its reservations other instances closed.
    /// </summary>
    internal void ApplySync(LeaseSync sync, DateTimeOffset renewedAt, bool renewed)
    {
        foreach (var (productId, reservationId) in sync.ClosedElsewhere)
        {
            OnClosed(productId, reservationId, null);
        }

        foreach (var budget in budgets.Values)
        {
            lock (budget)
            {
                budget.Lease = sync.Leases.TryGetValue(budget.ProductId, out var coins) ? coins : 0;
                if (renewed && coins > 0)
                {
                    budget.LeaseValidUntil = renewedAt + (LeaseLifetime / 2);
                }
            }
        }
    }

    /// <summary>For the sweeper: the leases a return left (a product absent has none now).</summary>
    internal void ApplyReturned(IReadOnlyDictionary<Guid, decimal> returned, IEnumerable<Guid> products)
    {
        foreach (var productId in products)
        {
            if (budgets.TryGetValue(productId, out var budget))
            {
                lock (budget)
                {
                    budget.Lease = returned.TryGetValue(productId, out var coins) ? coins : 0;
                }
            }
        }
    }
}

using Steward.Core.Billing;

namespace Steward.Core.Tests.Billing;

/// <summary>The bookkeeping of one product's held reservations in memory.</summary>
public sealed class ProductBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Holding_dropping_and_expiring_keep_the_reserved_sum_exact()
    {
        var budget = new ProductBudget(Guid.NewGuid());
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        budget.Hold(a, 0.1m, Now.AddSeconds(10));
        budget.Hold(b, 0.2m, Now.AddSeconds(20));
        budget.Hold(c, 0.3m, Now.AddSeconds(30));
        budget.Hold(a, 5m, Now.AddSeconds(40));
        Assert.Equal(0.6m, budget.Reserved);

        budget.Drop(b);
        budget.Drop(b);
        Assert.Equal(0.4m, budget.Reserved);

        budget.ExpireDue(Now.AddSeconds(10));
        Assert.Equal(0.3m, budget.Reserved);
        Assert.Equal(1, budget.OpenCount);

        // b was dropped before its expiry: its turn in the queue changes nothing.
        budget.ExpireDue(Now.AddSeconds(25));
        Assert.Equal(0.3m, budget.Reserved);
        budget.ExpireDue(Now.AddSeconds(30));
        Assert.Equal(0m, budget.Reserved);
        Assert.True(budget.IsIdle);
    }
}

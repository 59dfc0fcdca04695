namespace Steward.Functional.Infrastructure;

/// <summary>A functional test: runs on SQLite always, and on PostgreSQL when <c>STEWARD_TEST_POSTGRES</c> is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StewardFactAttribute : FactAttribute
{
    public StewardFactAttribute()
    {
        if (TestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A data-driven functional test, skipped like <see cref="StewardFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StewardTheoryAttribute : TheoryAttribute
{
    public StewardTheoryAttribute()
    {
        if (TestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

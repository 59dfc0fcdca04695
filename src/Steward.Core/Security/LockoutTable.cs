namespace Steward.Core.Security;

/// <summary>How a <see cref="LockoutTable"/> counts failures and how long it locks.</summary>
/// <param name="FreeFailures">Failures allowed before the first lockout (at least 1).</param>
/// <param name="FirstLockout">The lockout after the <paramref name="FreeFailures"/>th failure; each further failure doubles it.</param>
/// <param name="MaxLockout">The longest lockout, counted from the last failure.</param>
/// <param name="ForgetAfter">Failures are forgotten this long after the last one.</param>
/// <param name="MaxEntries">Names remembered at most; the least recently seen are dropped first.</param>
/// <param name="TrustFor">How long a source that signed in successfully stays exempt from the name's lockout.</param>
public sealed record LockoutRules(int FreeFailures, TimeSpan FirstLockout, TimeSpan MaxLockout, TimeSpan ForgetAfter, int MaxEntries, TimeSpan TrustFor)
{
    /// <summary>The lockout that follows the <paramref name="failures"/>th failure in a row: none before <see cref="FreeFailures"/>.</summary>
    public TimeSpan LockoutAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }

        // 2^n overflows long before the cap matters: past 30 doublings the cap has won for any sane first lockout.
        var doublings = Math.Min(failures - FreeFailures, 30);
        var ticks = Math.Min(FirstLockout.Ticks * (double)(1L << doublings), MaxLockout.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>What became of an attempt that <see cref="LockoutTable.TryBegin"/> let through.</summary>
public enum AttemptOutcome
{
    /// <summary>The secret was wrong (or the name unknown): counts towards a lockout.</summary>
    Failed,

    /// <summary>The secret was right: the name's failures are forgotten and the source is trusted for it.</summary>
    Succeeded,

    /// <summary>Neither (the request was refused for another reason before the secret was checked).</summary>
    Uncounted,
}

/// <summary>
/// Failed sign-ins per name (an API key, a user name, a client address), with lockouts that grow, in the
/// spirit of Keycloak's brute-force detection: after <see cref="LockoutRules.FreeFailures"/> failures in a
/// row a name is locked for <see cref="LockoutRules.FirstLockout"/>, each further failure doubles that up to
/// <see cref="LockoutRules.MaxLockout"/>, always counted from the last failure. While a name is locked its
/// attempts are refused without being tried, so they cost nothing and do not extend the lockout; once a
/// name has used up its free failures, only one attempt at a time is tried, so a burst of parallel guesses
/// gets one answer per lockout, not one per connection. Unknown names are counted exactly like known ones:
/// the table never learns whether a name exists.
/// <para>
/// A source (a client address) that signed in with the right secret for a name is exempt from that name's
/// lockout for <see cref="LockoutRules.TrustFor"/>: whoever guesses a known API key from elsewhere cannot
/// lock out the service that owns it. The address's own lockout still applies to it.
/// </para>
/// State is in memory, bounded by <see cref="LockoutRules.MaxEntries"/> (least recently seen dropped first),
/// and read from the injected clock. Thread-safe: one lock, held for a dictionary operation.
/// </summary>
public sealed class LockoutTable(LockoutRules rules, TimeProvider time)
{
    /// <summary>The answer to an attempt made while others on the same name are in flight past the free failures.</summary>
    private static readonly TimeSpan OneAtATime = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);

    /// <summary>Entries by the time they were last seen, oldest first: what is dropped when the table is full.</summary>
    private readonly LinkedList<Entry> bySeen = new();
    private readonly Lock gate = new();

    public LockoutRules Rules => rules;

    /// <summary>How many names are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>
    /// Lets an attempt for <paramref name="name"/> from <paramref name="source"/> through (null: go ahead, then
    /// call <see cref="End"/> once), or refuses it with how long to wait.
    /// </summary>
    public TimeSpan? TryBegin(string name, string? source = null)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            // A name with no entry has no failures, no lockout and nothing in flight worth counting: it goes
            // ahead without one, so that the common case (the right secret, again) allocates nothing.
            if (!entries.ContainsKey(name))
            {
                return null;
            }

            var entry = Touch(name, now);
            Forget(entry, now);
            if (!entry.Trusts(source, now - rules.TrustFor))
            {
                if (entry.LockedUntil > now)
                {
                    return entry.LockedUntil - now;
                }

                // A name that has failed before gets no more guesses in flight than it has free failures left,
                // and one at a time once they are used up; a name that never failed is not held back.
                if (entry.Failures > 0 && entry.Pending > 0 && entry.Failures + entry.Pending >= rules.FreeFailures)
                {
                    return OneAtATime;
                }
            }

            entry.Pending++;
            return null;
        }
    }

    /// <summary>Records what became of an attempt <see cref="TryBegin"/> let through.</summary>
    public void End(string name, AttemptOutcome outcome, string? source = null)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            // An attempt that neither failed nor earned trust leaves an unknown name unknown.
            if (!entries.ContainsKey(name) && (outcome == AttemptOutcome.Uncounted || (outcome == AttemptOutcome.Succeeded && source is null)))
            {
                return;
            }

            var entry = Touch(name, now);
            entry.Pending = Math.Max(0, entry.Pending - 1);
            Forget(entry, now);
            switch (outcome)
            {
                case AttemptOutcome.Failed:
                    entry.Failures++;
                    entry.LastFailure = now;
                    var lockout = rules.LockoutAfter(entry.Failures);
                    if (lockout > TimeSpan.Zero)
                    {
                        entry.LockedUntil = now + lockout;
                    }

                    break;
                case AttemptOutcome.Succeeded:
                    entry.Failures = 0;
                    entry.LockedUntil = DateTimeOffset.MinValue;
                    if (source is not null)
                    {
                        entry.Trust(source, now);
                    }

                    break;
            }

            if (entry is { Failures: 0, Pending: 0, Trusted: null })
            {
                Remove(entry);
            }
        }
    }

    /// <summary>The entry of a name, made if new, moved to the young end; drops what is stale or over the bound.</summary>
    private Entry Touch(string name, DateTimeOffset now)
    {
        if (entries.TryGetValue(name, out var node))
        {
            bySeen.Remove(node);
        }
        else
        {
            node = new LinkedListNode<Entry>(new Entry(name));
            entries[name] = node;
        }

        node.Value.Seen = now;
        bySeen.AddLast(node);

        // Oldest first: stop at the first entry still of use. Entries behind a trusted one wait for the
        // bound, which is what keeps memory in check anyway.
        while (bySeen.First is { } oldest && oldest != node
            && (entries.Count > rules.MaxEntries || (oldest.Value.Pending == 0 && now - oldest.Value.Seen >= Keep(oldest.Value))))
        {
            Remove(oldest.Value);
        }

        return node.Value;
    }

    /// <summary>Failures are forgotten <see cref="LockoutRules.ForgetAfter"/> after the last one.</summary>
    private void Forget(Entry entry, DateTimeOffset now)
    {
        if (entry.Failures > 0 && now - entry.LastFailure >= rules.ForgetAfter)
        {
            entry.Failures = 0;
            entry.LockedUntil = DateTimeOffset.MinValue;
        }
    }

    private TimeSpan Keep(Entry entry) => entry.Trusted is null ? rules.ForgetAfter : TimeSpanMax(rules.ForgetAfter, rules.TrustFor);

    private static TimeSpan TimeSpanMax(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Remove(Entry entry)
    {
        if (entries.Remove(entry.Name, out var node))
        {
            bySeen.Remove(node);
        }
    }

    private sealed class Entry(string name)
    {
        /// <summary>Sources trusted at once for one name: a service may sign in from a few addresses.</summary>
        private const int MaxTrusted = 4;

        public string Name { get; } = name;

        public int Failures { get; set; }

        public int Pending { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset Seen { get; set; }

        /// <summary>Sources that signed in with the right secret, and when they last did; null while there are none.</summary>
        public List<(string Source, DateTimeOffset At)>? Trusted { get; private set; }

        public bool Trusts(string? source, DateTimeOffset since)
        {
            if (source is null || Trusted is not { } trusted)
            {
                return false;
            }

            foreach (var (trustedSource, at) in trusted)
            {
                if (at > since && trustedSource == source)
                {
                    return true;
                }
            }

            return false;
        }

        public void Trust(string source, DateTimeOffset now)
        {
            Trusted ??= new List<(string, DateTimeOffset)>(1);
            for (var i = 0; i < Trusted.Count; i++)
            {
                // Signed in again from a trusted source (every request of a busy service): move it to the young end.
                if (Trusted[i].Source == source)
                {
                    Trusted.RemoveAt(i);
                    break;
                }
            }
            if (Trusted.Count == MaxTrusted)
            {
                Trusted.RemoveAt(0);
            }

            Trusted.Add((source, now));
        }
    }
}

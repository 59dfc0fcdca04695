namespace Steward.Core.Options;

/// <summary>Configuration under the <c>Steward</c> section.</summary>
public sealed class StewardOptions
{
    public const string Section = "Steward";

    public StorageOptions Storage { get; set; } = new();

    /// <summary>Base64 of a 32-byte master key. When empty, the key is read from (or created in) <see cref="MasterKeyFile"/>.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Where the master key lives when not given inline; defaults to <c>master.key</c> in the data directory.</summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>Older master keys (base64), still accepted for decryption after a rotation.</summary>
    public List<string> PreviousMasterKeys { get; set; } = [];

    /// <summary>Where the SQLite file and the generated master key live by default.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Lifetime of access tokens, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How often another instance's revocations and changes are picked up from the database.</summary>
    public int SyncIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Lockouts, sign-in rates and the password-check bound.</summary>
    public BruteForceOptions BruteForce { get; set; } = new();

    /// <summary>How subscriptions renew and lapse (<c>Steward:Subscriptions</c>).</summary>
    public SubscriptionOptions Subscriptions { get; set; } = new();

    /// <summary>Webhook delivery (<c>Steward:Webhooks</c>).</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>Assets (<c>Steward:Assets</c>).</summary>
    public AssetOptions Assets { get; set; } = new();

    /// <summary>The spend check: reservations and leases of products' budgets (<c>Steward:Reservations</c>).</summary>
    public ReservationOptions Reservations { get; set; } = new();
    /// <summary>The Keycloak-compatible realms (<c>Steward:Realms:*</c>).</summary>
    public RealmOptions Realms { get; set; } = new();
}

public sealed class RealmOptions
{
    /// <summary>How long a realm's access token lives (Keycloak's default access token lifespan is 5 minutes).</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>A signing key older than this is rotated at its next use; 0 rotates only when root asks.</summary>
    public int KeyRotationDays { get; set; } = 90;
}

public sealed class AssetOptions
{
    /// <summary>The largest content an asset may hold, in bytes of UTF-8 (default 1 MiB); larger content is refused with 413.</summary>
    public int MaxContentBytes { get; set; } = 1024 * 1024;
}

public sealed class ReservationOptions
{
    /// <summary>
    /// Whether each instance leases slices of a product's budget from the database (needed when several
    /// instances share one database). Null: on with PostgreSQL, off with SQLite (one instance holds the
    /// whole budget in memory).
    /// </summary>
    public bool? Leases { get; set; }

    /// <summary>How often expired reservations are stored as expired, and leases renewed and given back.</summary>
    public int SweepIntervalMilliseconds { get; set; } = 1000;

    /// <summary>
    /// A lease not renewed for this long belongs to an instance presumed gone and is taken back; its
    /// instance stops using it after half of this. Clocks of instances must agree within half of it.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>An instance gives back the unused part of a product's lease after this long without a reservation of it.</summary>
    public int LeaseIdleSeconds { get; set; } = 10;
}

public sealed class SubscriptionOptions
{
    /// <summary>Days a due renewal keeps the subscription active before it lapses (0: lapse at once).</summary>
    public double GracePeriodDays { get; set; } = 3;

    /// <summary>How often the background worker looks for subscriptions whose period or grace has ended.</summary>
    public int CheckIntervalSeconds { get; set; } = 30;
}

public sealed class WebhookOptions
{
    /// <summary>
    /// Lets endpoints target loopback and private addresses over plain <c>http://</c> (development,
    /// tests, a receiver on the same network). Off: only public <c>https://</c> targets are accepted.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Whether this instance sends deliveries. Any number of instances may; each delivery is sent by one.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due retries and for events other instances wrote.</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;
}

public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Provider connection string; for SQLite the default is a file in the data directory.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "Npgsql", StringComparison.OrdinalIgnoreCase);
}

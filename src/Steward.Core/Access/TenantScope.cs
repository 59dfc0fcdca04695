using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Access;

/// <summary>
/// A row that belongs to one account. The entity says what an organisation principal and a user
/// principal see of its kind; <see cref="TenantScope.VisibleTo{T}"/> applies the account wall first
/// and refuses every other kind of caller, so a rule left out cannot leak another tenant's rows.
/// </summary>
public interface ITenantScoped<T>
    where T : class, ITenantScoped<T>
{
    Guid AccountId { get; }

    /// <summary>The rows an organisation's own credential sees.</summary>
    static abstract Expression<Func<T, bool>> OfOrganisation(Guid organisationId);

    /// <summary>The rows a user sees through its memberships (<paramref name="memberships"/> is the table).</summary>
    static abstract Expression<Func<T, bool>> VisibleToUser(Guid userId, IQueryable<Membership> memberships);
}

/// <summary>The one place where a query is narrowed to what a caller may see.</summary>
public static class TenantScope
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Principal p, StewardDb db)
        where T : class, ITenantScoped<T>
    {
        if (p.IsRoot)
        {
            return query;
        }

        var accountId = p.AccountId;
        query = query.Where(e => e.AccountId == accountId);
        return p.Kind switch
        {
            PrincipalKind.Account => query,
            PrincipalKind.Organisation => query.Where(T.OfOrganisation(p.SubjectId)),
            PrincipalKind.User => query.Where(T.VisibleToUser(p.SubjectId, db.Set<Membership>())),
            _ => query.Where(_ => false),
        };
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Storage;
using Steward.Core.Tenancy;

namespace Steward.Core.Catalog;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("plans");
        b.HasKey(x => x.Id);
        b.Property(x => x.Uid).HasMaxLength(PlanRules.UidLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(x => x.Description).HasMaxLength(Limits.Description);
        b.Property(x => x.ReturnUrl).HasMaxLength(PlanRules.UrlLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Current);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Features).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Tags).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.Uid }).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.Position });
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.ToTable("plan_versions");
        b.HasKey(x => x.Id);
        b.Property(x => x.PlanType).HasConversion<int>();
        b.Property(x => x.DurationUnits).HasConversion<int>();
        b.Property(x => x.Price).HasPrecision(PlanRules.MoneyPrecision, PlanRules.MoneyScale);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.FeatureLevel).HasMaxLength(Limits.ShortText);
        b.Property(x => x.SetupFeeAmount).HasPrecision(PlanRules.MoneyPrecision, PlanRules.MoneyScale);
        b.Property(x => x.SetupFeeCurrencyCode).HasMaxLength(3);
        b.Property(x => x.SetupFeeDescription).HasMaxLength(Limits.Name);
        b.Property(x => x.TermsText).HasMaxLength(Limits.ShortText);
        b.Ignore(x => x.Terms);
        b.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
    }
}

internal sealed class PlanFeatureConfiguration : IEntityTypeConfiguration<PlanFeature>
{
    public void Configure(EntityTypeBuilder<PlanFeature> b)
    {
        b.ToTable("plan_features");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.Property(x => x.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(x => x.Blurb).HasMaxLength(Limits.Name);
        b.Property(x => x.Description).HasMaxLength(Limits.Description);
        b.HasIndex(x => new { x.PlanId, x.Name }).IsUnique();
    }
}

internal sealed class PlanTagConfiguration : IEntityTypeConfiguration<PlanTag>
{
    public void Configure(EntityTypeBuilder<PlanTag> b)
    {
        b.ToTable("plan_tags");
        b.HasKey(x => new { x.PlanId, x.Tag });
        b.Property(x => x.Tag).HasMaxLength(PlanRules.TagLength).IsRequired();
        b.HasIndex(x => new { x.AccountId, x.Tag });
    }
}

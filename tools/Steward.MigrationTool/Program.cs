using System.Reflection;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Storage;
using Steward.Storage.Postgres;
using Steward.Storage.Sqlite;

// Usage: dotnet run --project tools/Steward.MigrationTool -- add <MigrationName>
// Writes the migration into src/Steward.Storage.Sqlite/Migrations and src/Steward.Storage.Postgres/Migrations.
if (args.Length != 2 || args[0] != "add")
{
    Console.Error.WriteLine("usage: Steward.MigrationTool add <MigrationName>");
    return 2;
}

var name = args[1];
var root = FindRepositoryRoot();
Scaffold(typeof(SqliteStorage).Assembly, new SqliteDesignTimeFactory().CreateDbContext([]), Path.Combine(root, "src", "Steward.Storage.Sqlite"));
Scaffold(typeof(PostgresStorage).Assembly, new PostgresDesignTimeFactory().CreateDbContext([]), Path.Combine(root, "src", "Steward.Storage.Postgres"));
return 0;

void Scaffold(Assembly migrationsAssembly, StewardDb db, string projectDir)
{
    using (db)
    {
        var reporter = new OperationReporter(new OperationReportHandler(
            error => Console.Error.WriteLine(error),
            warning => Console.Error.WriteLine(warning),
            info => Console.WriteLine(info),
            verbose => { }));
        var services = new DesignTimeServicesBuilder(migrationsAssembly, migrationsAssembly, reporter, []).Build(db);
        var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
        var rootNamespace = migrationsAssembly.GetName().Name!;
        var migration = scaffolder.ScaffoldMigration(name, rootNamespace, "Migrations", "C#");
        var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations"));
        Console.WriteLine($"wrote {files.MigrationFile}");
    }
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}

// Bare Kestrel baseline for bench/run.sh: one plaintext endpoint, nothing else.
// Usage: dotnet Bare.dll --urls http://127.0.0.1:5082
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.MapGet("/plaintext", () => Results.Text("Hello, World!", "text/plain"));
app.Run();

namespace Steward.Core.Storage;

/// <summary>Column lengths, shared by the entity configurations and input validation.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int DomainName = 253;
    public const int Description = 1000;
    public const int Username = 100;
    public const int ShortText = 100;
    public const int Password = 200;
}

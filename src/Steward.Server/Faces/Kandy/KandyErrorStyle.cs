using Steward.Core.Results;
using Steward.Server.Hosting;

namespace Steward.Server.Faces.Kandy;

/// <summary>
/// The Kandy face's error style, for errors raised outside its handlers (authentication): the Kandy
/// envelope of <see cref="KandyResults"/>. A validation error that only says which fields are absent
/// ("key is required.") is status 3, "missing parameters: …", listing them in order.
/// </summary>
internal sealed class KandyErrorStyle : IErrorStyle
{
    public static readonly KandyErrorStyle Instance = new();

    public IResult Render(Error error) =>
        AbsentFields(error) is { } names ? KandyResults.Missing(names) : KandyResults.From(error);

    private static List<string>? AbsentFields(Error error)
    {
        if (error.Code != ErrorCode.Validation || error.Fields is not { Count: > 0 } fields)
        {
            return null;
        }

        foreach (var (field, messages) in fields)
        {
            if (messages is not [var message] || message != field + " is required.")
            {
                return null;
            }
        }

        return [.. fields.Keys];
    }
}

using Steward.Core.Results;

namespace Steward.Server.Faces.Kandy;

/// <summary>Phone numbers as Kandy's <c>create_user_by_phone_number</c> takes them.</summary>
internal static class PhoneNumbers
{
    /// <summary>
    /// The national number of a phone user: separators (spaces, '-', '.', parentheses) are dropped; a
    /// number given in international form (+ and the calling code) is accepted when the code matches.
    /// </summary>
    public static Result<string> National(string raw, string callingCode)
    {
        var number = new string(raw.Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());
        if (number.StartsWith('+'))
        {
            if (!number.StartsWith("+" + callingCode, StringComparison.Ordinal))
            {
                return Error.Invalid("user_phone_number", $"user_phone_number starts with a calling code other than user_country_code's (+{callingCode}); send the national number.");
            }

            number = number[(callingCode.Length + 1)..];
        }

        if (number.Length is < 3 or > 17 || !number.All(char.IsAsciiDigit))
        {
            return Error.Invalid("user_phone_number", "user_phone_number must be the national number: 3 to 17 digits, such as 3524096582.");
        }

        return number;
    }
}

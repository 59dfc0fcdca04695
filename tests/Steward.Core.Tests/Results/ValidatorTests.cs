using Steward.Core.Results;

namespace Steward.Core.Tests;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Required_refuses_a_missing_value(string? value)
    {
        var v = new Validator();

        Assert.Equal("", v.Required("name", value, 10));

        Assert.False(v.IsValid);
        var error = v.ToError();
        Assert.Equal(ErrorCode.Validation, error.Code);
        Assert.Equal(["name is required."], error.Fields!["name"]);
    }

    [Fact]
    public void Required_returns_the_trimmed_value()
    {
        var v = new Validator();

        Assert.Equal("Ada Lovelace", v.Required("name", "  Ada Lovelace \t", 12));
        Assert.True(v.IsValid);
    }

    [Fact]
    public void Optional_returns_null_for_null_or_blank_and_the_trimmed_value_otherwise()
    {
        var v = new Validator();

        Assert.Null(v.Optional("note", null, 5));
        Assert.Null(v.Optional("note", "", 5));
        Assert.Null(v.Optional("note", "      ", 5));
        Assert.Equal("abc", v.Optional("note", " abc ", 5));
        Assert.True(v.IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Max_length_counts_the_trimmed_value(bool required)
    {
        var ok = new Validator();
        var tooLong = new Validator();

        Check(ok, "  " + new string('a', 10) + "  ");
        Check(tooLong, new string('a', 11));

        Assert.True(ok.IsValid);
        Assert.False(tooLong.IsValid);
        Assert.Equal(["name must be at most 10 characters."], tooLong.ToError().Fields!["name"]);

        void Check(Validator v, string value)
        {
            if (required)
            {
                v.Required("name", value, 10);
            }
            else
            {
                v.Optional("name", value, 10);
            }
        }
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0001b")]
    [InlineData("line\nbreak")]
    [InlineData("tab\tinside")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085c1")]
    public void Control_characters_are_refused(string value)
    {
        var required = new Validator();
        var optional = new Validator();

        required.Required("name", value, 100);
        optional.Optional("name", value, 100);

        Assert.Equal(["name must not contain control characters."], required.ToError().Fields!["name"]);
        Assert.Equal(["name must not contain control characters."], optional.ToError().Fields!["name"]);
    }

    [Theory]
    [InlineData("name@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("  name@example.com  ")]
    public void Email_accepts_addresses(string value)
    {
        var v = new Validator();

        Assert.Equal(value.Trim(), v.Email("email", value, required: true));
        Assert.True(v.IsValid);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.com")]
    [InlineData("name@")]
    [InlineData("a@b@example.com")]
    [InlineData("Name <name@example.com>")]
    [InlineData("name @example.com")]
    public void Email_refuses_what_is_not_an_address(string value)
    {
        var v = new Validator();

        v.Email("email", value, required: false);

        Assert.False(v.IsValid);
        Assert.Contains("email must be an email address such as name@example.com.", v.ToError().Fields!["email"]);
    }

    [Fact]
    public void Email_required_or_optional()
    {
        var optional = new Validator();
        var required = new Validator();

        Assert.Null(optional.Email("email", null, required: false));
        Assert.Null(optional.Email("email", " ", required: false));
        required.Email("email", null, required: true);

        Assert.True(optional.IsValid);
        Assert.Equal(["email is required."], required.ToError().Fields!["email"]);
    }

    [Fact]
    public void Email_longer_than_254_is_refused()
    {
        var v = new Validator();

        v.Email("email", new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com", required: true);

        Assert.Contains("email must be at most 254 characters.", v.ToError().Fields!["email"]);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var v = new Validator();

        v.Required("name", null, 10);
        v.Optional("note", new string('x', 20) + "\u0001", 10);
        v.Email("email", "nope", required: true);

        var error = v.ToError();
        Assert.Equal(ErrorCode.Validation, error.Code);
        Assert.Equal(["email", "name", "note"], error.Fields!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, error.Fields["note"].Length);
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_problem_carries_its_rule_and_arguments_so_a_face_can_word_it()
    {
        var v = new Validator();

        v.Required("name", " ", 10);
        v.Optional("note", new string('x', 11), 10);
        v.Email("email", "nope", required: false);
        v.Range("billing_day", 31, 1, 28, "billing_day must be between 1 and 28.");

        var rules = v.ToError().Violations.ToDictionary(x => x.Field);
        Assert.Equal(FieldRule.Required, rules["name"].Rule);
        Assert.Equal(FieldRule.TooLong, rules["note"].Rule);
        Assert.Equal(10, rules["note"].Argument("max"));
        Assert.Equal(FieldRule.Format, rules["email"].Rule);
        Assert.Equal(FieldRule.OutOfRange, rules["billing_day"].Rule);
        Assert.Equal(1, rules["billing_day"].Argument("min"));
        Assert.Equal(28, rules["billing_day"].Argument("max"));
    }

    [Fact]
    public void A_taken_name_is_a_conflict_with_the_taken_rule()
    {
        var error = Error.Conflict("username", "The username 'bob' is already taken.");

        Assert.Equal(ErrorCode.Conflict, error.Code);
        Assert.Equal(FieldRule.Taken, Assert.Single(error.Violations).Rule);
    }

    [Theory]
    [InlineData("Acme\\u202E")]
    [InlineData("Ac\\u200Bme")]
    [InlineData("\\uFEFFAcme")]
    [InlineData("Acme\\uD800")]
    public void Names_refuse_invisible_format_characters_and_broken_text(string escaped)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var v = new Validator();

        v.Name("name", name, 80, required: true);

        Assert.Equal(FieldRule.Format, Assert.Single(v.ToError().Violations).Rule);
    }

    [Fact]
    public void Names_are_normalised_to_nfc()
    {
        var v = new Validator();

        Assert.Equal("Caf\u00e9", v.Name("name", "Cafe\u0301", 80, required: true));
        Assert.True(v.IsValid);
    }
}

using System.Globalization;

namespace AgentFramework.Caching.Verification;

/// <summary>
/// The value a numeric slot names, whatever its notation: "$2,000" and "2000 dollars", "300k" and "300,000", "1st" and
/// "1", "80kg" and "80 kilograms", "3pm", "3:00 pm" and "15:00". The slot guard compares these, so a paraphrase that
/// writes a number another way is not vetoed, while another value or another unit family still is.
/// </summary>
/// <param name="Value">The number as written without notation ("2000", "2.5"), or a clock time ("t15:00"; "b7:30" for
/// a bare time that could be morning or evening, which only equals itself).</param>
/// <param name="Unit">The unit family (joined to the number or the word after it), or <c>null</c> when none is written.</param>
internal readonly record struct SlotValue(string Value, string? Unit)
{
    /// <summary>Whether <paramref name="other"/> names the same value; a unit written on one side only does not decide.</summary>
    public bool Matches(SlotValue other) => Value == other.Value && (Unit is null || other.Unit is null || Unit == other.Unit);

    /// <summary>Reads <paramref name="slot"/>, a slot of <paramref name="side"/>; <c>false</c> for anything that is not a number
    /// (identifiers, versions with letters, "5m" whose unit is ambiguous), which the guard keeps comparing as written.</summary>
    public static bool TryParse(string slot, TextFeatures side, out SlotValue value)
    {
        value = default;
        var colon = slot.IndexOf(':');
        if (colon >= 0)
        {
            return TryParseClock(slot, colon, out value);
        }

        var digits = 0;
        while (digits < slot.Length && (char.IsAsciiDigit(slot[digits]) ||
               (slot[digits] == '.' && digits > 0 && digits + 1 < slot.Length && char.IsAsciiDigit(slot[digits + 1]))))
        {
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        var number = slot[..digits];
        var suffix = slot[digits..];
        switch (suffix)
        {
            case "":
                value = new SlotValue(number, side.UnitAfter(slot));
                return true;
            case "st" or "nd" or "rd" or "th":
                value = new SlotValue(number, null);
                return true;
            case "k" when decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var thousands):
                value = new SlotValue((thousands * 1000).ToString("0.##########", CultureInfo.InvariantCulture), side.UnitAfter(slot));
                return true;
            case "am" or "pm":
                return TryClock(number, "00", suffix, out value);
            default:
                var unit = TextFeatures.AttachedUnitFamily(suffix);
                value = new SlotValue(number, unit);
                return unit is not null;
        }
    }

    // "7:30", "7:30pm", "15:00": hours and two-digit minutes, with am/pm joined by the tokenizer.
    private static bool TryParseClock(string slot, int colon, out SlotValue value)
    {
        value = default;
        if (slot.Length < colon + 3 || !TextFeatures.IsClockTime(slot.AsSpan(0, colon + 3)))
        {
            return false;
        }

        var suffix = slot[(colon + 3)..];
        return suffix is "" or "am" or "pm" && TryClock(slot[..colon], slot.Substring(colon + 1, 2), suffix, out value);
    }

    private static bool TryClock(string hours, string minutes, string suffix, out SlotValue value)
    {
        value = default;
        if (!int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || int.Parse(minutes, CultureInfo.InvariantCulture) > 59)
        {
            return false;
        }

        if (suffix.Length > 0)
        {
            // "12am" is midnight, "12pm" noon.
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = (hour % 12) + (suffix == "pm" ? 12 : 0);
        }
        else if (hour > 23)
        {
            return false;
        }

        // A bare "7:30" may be morning or evening: it only equals another bare "7:30", never "7:30 pm" or "19:30".
        var bare = suffix.Length == 0 && hour is >= 1 and <= 12;
        value = new SlotValue(string.Create(CultureInfo.InvariantCulture, $"{(bare ? 'b' : 't')}{hour}:{minutes}"), null);
        return true;
    }
}

using AgentFramework.Caching.Verification;

namespace AgentFramework.Caching.Tests.Verification;

public sealed class SlotGuardVerifierTests
{
    [Theory]
    [InlineData("What is the status of order 48213?", "What is the status of order 48231?", "slot-mismatch")]
    [InlineData("Reset the password of userId jsmith_01", "Reset the password of userId jdoe_02", "slot-mismatch")]
    [InlineData("Why is my payment going through?", "Why isn't my payment going through?", "negation")]
    [InlineData("Can I use this on the free tier?", "Can I not use this on the free tier?", "negation")]
    [InlineData("How do I enable 2FA?", "How do I disable 2FA?", "antonym")]
    [InlineData("How do I turn off two-factor authentication on my account?", "How do I turn on two-factor authentication on my account?", "antonym")]
    [InlineData("I'd like to enable auto-renewal for my membership, please.", "I'd like to turn off auto-renewal for my membership, please.", "antonym")]
    [InlineData("Please pause my subscription.", "Please resume my subscription.", "antonym")]
    [InlineData("How do I increase the memory limit?", "How do I decrease the memory limit?", "antonym")]
    [InlineData("How do I install the driver?", "How do I uninstall the driver?", "antonym")]
    [InlineData("Sort results in ascending order", "Sort results in descending order", "antonym")]
    [InlineData("How much is shipping to Canada?", "How much is shipping to Mexico?", "name-mismatch")]
    [InlineData("how much is shipping to canada?", "how much is shipping to mexico?", "substitution")]
    [InlineData("Translate this into French.", "Translate this into German.", "name-mismatch")]
    [InlineData("Summarize the ticket in one paragraph.", "Summarize the ticket in one sentence.", "substitution")]
    [InlineData("How do I convert a list to a dict?", "How do I convert a dict to a list?", "word-order")]
    [InlineData("Which flights leave Boston for Chicago?", "Which flights leave Chicago for Boston?", "word-order")]
    [InlineData("I'm moving soon and need a quote for shipping a sofa from Denver to Austin and a bed too.", "I'm moving soon and need a quote for shipping a sofa from Austin to Denver and a bed too.", "direction")]
    [InlineData("Who does Marco manage?", "Who manages Marco?", "word-order")]
    [InlineData("Book the room for Friday 9am", "Book the room for Friday 9pm", "slot-mismatch")]
    // Another value in another notation is still another value; a bare 7:30 may be morning or evening.
    [InlineData("Set aside $12,500 for the offsite", "set aside 1250 dollars for the offsite", "slot-mismatch")]
    [InlineData("Is a 45k salary enough to rent a flat in Leeds?", "Is a salary of 4,500 enough to rent a flat in Leeds?", "slot-mismatch")]
    [InlineData("Is the ferry at 6:45 pm still running?", "is the 6:45 ferry still running", "slot-mismatch")]
    [InlineData("Wake me at 7:30 am tomorrow", "wake me at 19:30 tomorrow", "slot-mismatch")]
    [InlineData("Show the error rate for last month", "Show the error rate for this month", "time-mismatch")]
    [InlineData("How much did I spend yesterday?", "How much did I spend today?", "time-mismatch")]
    [InlineData("What is the standard warranty on laptops?", "What is the standard warranty on laptops sold in Canada?", "place-qualifier")]
    [InlineData("Is the porch light on?", "Is the porch light off?", "antonym")]
    [InlineData("Please turn on the lights in the kitchen.", "Please turn off the lights in the kitchen.", "antonym")]
    [InlineData("How do I log on to the VPN?", "How do I log off the VPN?", "antonym")]
    [InlineData("Turn on roaming on my plan.", "Turn off roaming on my plan.", "antonym")]
    // "in"/"out" after the same word, or after two session verbs, still oppose each other.
    [InlineData("How do I log in to the admin console?", "How do I log out of the admin console?", "antonym")]
    [InlineData("I keep getting logged out of the forum.", "I keep getting logged in to the forum.", "antonym")]
    [InlineData("Where do I sign in to the volunteer portal?", "Where do I log out of the volunteer portal?", "antonym")]
    [InlineData("What time is check in at the lodge?", "What time is check out at the lodge?", "antonym")]
    [InlineData("Is the blue rain jacket in stock?", "Is the blue rain jacket out of stock?", "antonym")]
    [InlineData("How do I upload a spreadsheet to the team drive?", "How do I download a spreadsheet from the team drive?", "antonym")]
    [InlineData("How do I import my bookmarks?", "How do I export my bookmarks?", "antonym")]
    [InlineData("Why is my parking permit invalid?", "Why is my parking permit valid?", "antonym")]
    [InlineData("List the non-billable hours for March.", "List the billable hours for March.", "negation")]
    [InlineData("Was the bug fixed in v3.2.1?", "Was the bug fixed in v3.2.2?", "slot-mismatch")]
    [InlineData("Set db.timeout to 30 seconds", "Set http.timeout to 30 seconds", "slot-mismatch")]
    [InlineData("Open src/app.ts in the editor", "Open src/main.ts in the editor", "slot-mismatch")]
    [InlineData("Archive the folder logs/2024 today", "Archive the folder logs/2025 today", "slot-mismatch")]
    [InlineData("Rename the userId column", "Rename the userName column", "slot-mismatch")]
    [InlineData("Delete the folder logs/archive", "Delete the folder logs/current", "substitution")]
    [InlineData("Ship order 123 and order 456 today", "Ship order 123 today", "slot-mismatch")]
    [InlineData("Thanks. Can you ship it to Lisbon?", "Thanks. Can you ship it to Porto?", "name-mismatch")]
    // A negation that denies a word the other side uses, or denies nothing identifiable, still vetoes.
    [InlineData("Show invoices that were paid last quarter", "Show invoices that were not paid last quarter", "negation")]
    [InlineData("Stopped instances continue to incur compute charges.", "Stopped instances no longer incur compute charges.", "negation")]
    [InlineData("Should I upgrade the driver first?", "Should I not?", "negation")]
    // Where one request goes to is where the other comes from: the opposite transaction, trip or copy.
    [InlineData("Request $40 from Alex for last night's dinner", "Send $40 to Alex for last night's dinner", "direction")]
    [InlineData("Move $200 from savings into checking", "transfer $200 to my savings from checking", "direction")]
    [InlineData("Is the 7:40 bus to Leeds running late?", "Is the 7:40 bus from Leeds running late?", "direction")]
    [InlineData("Copy the config file to the staging server", "copy the config file from the staging server", "direction")]
    // A session verb closed up with its particle is the verb and the particle.
    [InlineData("What time is check-in at the Hilton downtown?", "What time is checkout at the Hilton downtown?", "antonym")]
    [InlineData("Why does login fail on the staff portal?", "Why does logout fail on the staff portal?", "antonym")]
    [InlineData("Add a sign out button to the settings page", "add a signin button to the settings page", "antonym")]
    // ... also when the compound's side says "in" elsewhere, so the bare words differ only by the compound.
    [InlineData("What's the check-in time for the Tahoe cabin?", "what time is checkout for the cabin in Tahoe", "antonym")]
    [InlineData("Is check-in flexible at the Porto guesthouse?", "is checkout flexible at the guesthouse in Porto", "antonym")]
    // The recipient of a giving verb ("send Priya 60") is where the money goes; "from Priya" is where it comes from.
    [InlineData("Request $60 from Priya for the concert tickets", "send Priya 60 dollars for the concert tickets", "direction")]
    [InlineData("Collect the $120 deposit from my tenant", "pay my tenant 120 for the deposit", "direction")]
    // Different outcomes in any context: an aggregate for another, a meeting called off or moved, text cut or grown.
    [InlineData("What was the average order value in March?", "what was the total order value in March", "antonym")]
    [InlineData("Has the 9am design sync been cancelled?", "has the 9am design sync been moved", "antonym")]
    [InlineData("Shorten this cover letter for the analyst role", "expand this cover letter for the analyst role", "antonym")]
    public void SlotChanges_AreVetoed(string a, string b, string reason)
    {
        var verdict = SlotGuardVerifier.Instance.Verify(new CacheHitCandidate(a, b, 0.95, 0.8));
        Assert.False(verdict.Accepted);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("How do I reset my password?", "How can I reset my password?")]
    [InlineData("What is the difference between TCP and UDP?", "What is the difference between UDP and TCP?")]
    [InlineData("How do I buy a car?", "How do I purchase a car?")]
    [InlineData("What's the best way to learn Python?", "What is the best way to learn Python?")]
    [InlineData("Where is order 48213?", "What is the status of order 48213?")]
    [InlineData("Which color should I choose?", "Which colour should I choose?")]
    [InlineData("Who wrote Pride and Prejudice?", "Who is the author of Pride and Prejudice?")]
    [InlineData("How do I learn Python quickly?", "How do I learn Python fast?")]
    [InlineData("Set an alarm for 7 am", "Set an alarm for 7am")]
    [InlineData("Order a laptop with 16 GB of RAM", "Order a laptop with 16GB of RAM")]
    [InlineData("Can a U.S. resident open an account?", "Can a US resident open an account?")]
    [InlineData("Remind me on Sept 3 to renew the domain", "Remind me on September 3 to renew the domain")]
    [InlineData("How do I parse JSON in JS?", "How do I parse JSON in JavaScript?")]
    [InlineData("Show the error rate for the past week", "Show the error rate for last week")]
    [InlineData("Invite Ana and Luis to the review", "Invite Luis and Ana to the review")]
    [InlineData("Where are the API docs?", "Where is the API documentation?")]
    [InlineData("Please update the billing address on invoice 7731. We moved offices last month.", "Can you change the billing address on invoice 7731? We have a new office now.")]
    // "on" as a preposition is not a switch: "on my plan" does not oppose "turn off".
    [InlineData("Please stop the automatic top-up on my plan.", "I'd like to turn off the automatic top-up for my plan.")]
    [InlineData("Deactivate call forwarding on my line, please.", "Can you switch off call forwarding for my line?")]
    // A capitalized word that only starts a sentence, or "I'm", is not a name.
    [InlineData("When does the library open on Sunday? Thank you.", "Hello. Wondering when the library opens on Sunday.")]
    [InlineData("Hi! I'm looking for the opening hours of the museum.", "Opening hours of the museum? Cheers.")]
    // A complaint that denies something the question does not mention is no contradiction.
    [InlineData("When will my replacement card arrive?", "My replacement card still hasn't come in the mail.")]
    [InlineData("How do I get back into my account? I can't remember the password.", "How do I recover my account password?")]
    // "Locked out" and "can't log in" describe the same trouble: "out" and "in" attach to different verbs.
    [InlineData("I'm locked out of the volunteer portal.", "I can't log in to the volunteer portal.")]
    // "non-" negates like "without"; "v3.2.1" is version 3.2.1.
    [InlineData("Export the report in non-interactive mode.", "Export the report without interactive mode.")]
    [InlineData("Was the bug fixed in v3.2.1?", "Was the bug fixed in 3.2.1?")]
    // 2FA names a feature, not a value.
    [InlineData("How do I set up 2FA for my email?", "How do I set up two-factor authentication for my email?")]
    public void Paraphrases_AreAccepted(string a, string b)
    {
        var verdict = SlotGuardVerifier.Instance.Verify(new CacheHitCandidate(a, b, 0.95, 0.8));
        Assert.True(verdict.Accepted, verdict.Reason);
    }

    // Each rule alone, on pairs where the rule used to misfire.
    [Theory]
    // A prefix that negates nothing does not make an antonym of the bare word.
    [InlineData(SlotGuardRules.Antonym, "How do I upload a photo?", "How do I load a photo?")]
    [InlineData(SlotGuardRules.Antonym, "Preprocess the images first.", "Process the images first.")]
    [InlineData(SlotGuardRules.Antonym, "Ensure the cache is warm.", "Make sure the cache is warm.")]
    // A slot named twice, or qualified, is the same slot.
    [InlineData(SlotGuardRules.SlotMismatch, "Why does ERR_42 appear? I see ERR_42 at every start.", "Why do I see ERR_42 at every start?")]
    [InlineData(SlotGuardRules.SlotMismatch, "What does datasets.AudioClassification return?", "What does AudioClassification return?")]
    // A name that is a slot only by its capitals is the same word in any case; a slash between words joins alternatives.
    [InlineData(SlotGuardRules.SlotMismatch, "What are some AngularJS interview questions?", "What are some good angularjs interview questions?")]
    [InlineData(SlotGuardRules.SlotMismatch, "Should I buy a tablet/laptop for college?", "Should I buy a laptop or a tablet for college?")]
    // The same number with a unit of the same family, or a unit word on one side only, is the same slot.
    [InlineData(SlotGuardRules.SlotMismatch, "Can you push the deadline back 2 weeks?", "Extend the deadline by 2 weeks, please.")]
    [InlineData(SlotGuardRules.SlotMismatch, "Send $40 to Maria for dinner.", "Pay Maria 40 dollars for dinner.")]
    // The same number in another notation: thousands separators, a k suffix, an ordinal, a short unit, a clock time.
    [InlineData(SlotGuardRules.SlotMismatch, "Set aside $12,500 for the offsite", "set aside 12500 dollars for the offsite")]
    [InlineData(SlotGuardRules.SlotMismatch, "Is a 45k salary enough to rent a flat in Leeds?", "Is a salary of 45,000 enough to rent a flat in Leeds?")]
    [InlineData(SlotGuardRules.SlotMismatch, "What happened on July 4th, 1776?", "what happened on july 4 1776")]
    [InlineData(SlotGuardRules.SlotMismatch, "Can I check a 23kg suitcase on this fare?", "can I check a 23 kilogram suitcase on this fare")]
    [InlineData(SlotGuardRules.SlotMismatch, "Is a 3 hr layover in Doha enough?", "is a 3 hour layover in Doha enough")]
    [InlineData(SlotGuardRules.SlotMismatch, "Remind me to call the plumber at 4pm", "remind me at 16:00 to call the plumber")]
    [InlineData(SlotGuardRules.SlotMismatch, "Is the ferry at 6:45 pm still running?", "is the 18:45 ferry still running")]
    // The same directions in another order, an infinitive "to", or a source named on one side only are no direction change.
    [InlineData(SlotGuardRules.Direction, "Transfer $200 from savings to checking", "Move $200 to checking from savings")]
    [InlineData(SlotGuardRules.Direction, "How do I get from Paris to Rome by train?", "train from Paris to Rome: how do I get there?")]
    [InlineData(SlotGuardRules.Direction, "I want to return the jacket", "How do I return the jacket from my last order?")]
    [InlineData(SlotGuardRules.Direction, "Forward the invoice to accounting", "Send the invoice on to accounting")]
    [InlineData(SlotGuardRules.Antonym, "When can I check in at the downtown Hilton?", "What time is check-in at the Hilton downtown?")]
    [InlineData(SlotGuardRules.Antonym, "The checkout page times out", "Payment page at checkout keeps timing out")]
    [InlineData(SlotGuardRules.Antonym, "When is check-in at the lodge in Banff?", "what time can I check in at the Banff lodge")]
    [InlineData(SlotGuardRules.Direction, "Send Priya 60 dollars for the concert tickets", "Transfer $60 to Priya for the concert tickets")]
    [InlineData(SlotGuardRules.Direction, "Pay Priya 60 from my checking account", "send $60 to Priya from checking")]
    [InlineData(SlotGuardRules.Direction, "Send the report to Priya by Friday", "send Priya the report by Friday")]
    // A month with its day is one end of a range, not a place reached on one side and left on the other.
    [InlineData(SlotGuardRules.Direction, "Block my calendar for Aug 3 to Aug 9", "block my calendar from August 3 through 9")]
    [InlineData(SlotGuardRules.Direction, "Reserve the cabin for Jun 12 to Jun 15", "book the cabin from June 12 until the 15th")]
    // Everyday short forms are the word they stand for.
    [InlineData(SlotGuardRules.NameMismatch, "Book a viewing at 12 Elm Ave on Friday", "book a viewing at 12 Elm Avenue on Friday")]
    [InlineData(SlotGuardRules.Substitution, "Which dept approves travel over budget?", "which department approves travel over budget")]
    // Bounds the same way, or a negated bound, are no opposite bounds.
    [InlineData(SlotGuardRules.Antonym, "Close tickets older than 30 days", "close tickets over 30 days old")]
    [InlineData(SlotGuardRules.Antonym, "Find laptops under $800 with 16 GB of RAM", "find laptops cheaper than 800 dollars with 16GB RAM")]
    [InlineData(SlotGuardRules.Antonym, "Cap the order at not more than 5 units", "keep the order under 5 units")]
    [InlineData(SlotGuardRules.Antonym, "Show orders over $500 placed under 3 days ago", "show orders above 500 dollars placed less than 3 days ago")]
    public void OneRule_Accepts(SlotGuardRules rule, string a, string b)
    {
        var verdict = new SlotGuardVerifier(rule).Verify(new CacheHitCandidate(a, b, 0.95, 0.8));
        Assert.True(verdict.Accepted, verdict.Reason);
    }

    // The same number counting something else is another slot, however the rest is worded.
    [Theory]
    [InlineData("Show error logs for the billing service from the last 2 hours", "billing service error logs for the past 2 days")]
    [InlineData("Book a follow-up call with the clinic in 3 weeks", "schedule a clinic follow-up call in 3 days")]
    [InlineData("Convert 10 miles to feet", "How many feet are in 10 kilometers?")]
    [InlineData("Is a 500 GB disk enough for the backups?", "would a 500 MB disk be enough for backups")]
    [InlineData("Can I check a 23kg suitcase on this fare?", "can I check a 23 lb suitcase on this fare")]
    [InlineData("Preheat the oven to 180C for the bread", "preheat the oven to 180 fahrenheit for the bread")]
    public void SameNumber_WithAnotherUnit_IsASlotMismatch(string a, string b)
    {
        var verdict = new SlotGuardVerifier(SlotGuardRules.SlotMismatch).Verify(new CacheHitCandidate(a, b, 0.95, 0.8));
        Assert.Equal("slot-mismatch", verdict.Reason);
    }

    [Theory]
    [InlineData("How much is shipping to Canada?", "How much is shipping to Mexico?", SlotGuardRules.NameMismatch, "name-mismatch")]
    [InlineData("What is the status of order 48213?", "What is the status of order 48231?", SlotGuardRules.SlotMismatch, "slot-mismatch")]
    [InlineData("What is the standard warranty on laptops?", "What is the standard warranty on laptops sold in Canada?", SlotGuardRules.PlaceQualifier, "place-qualifier")]
    [InlineData("Ship the pallet to the Denver warehouse", "Ship the pallet from the Denver warehouse", SlotGuardRules.Direction, "direction")]
    // A range read backwards is still a reversal, with or without the day.
    [InlineData("Move my dentist appointment from Monday to Friday", "move my dentist appointment from Friday to Monday", SlotGuardRules.Direction, "direction")]
    [InlineData("Push the launch from March to May", "push the launch from May to March", SlotGuardRules.Direction, "direction")]
    [InlineData("Shift the freeze from March 3 to March 10", "shift the freeze from March 10 to March 3", SlotGuardRules.Direction, "direction")]
    // The same number bounded from below on one side and from above on the other asks for the opposite set.
    [InlineData("List orders over $500 from last month", "list orders under 500 dollars from last month", SlotGuardRules.Antonym, "antonym")]
    [InlineData("Show apartments above 1500 a month in Leeds", "show apartments up to 1500 a month in Leeds", SlotGuardRules.Antonym, "antonym")]
    [InlineData("Which accounts have more than 10k in savings?", "which accounts hold less than 10,000 in savings", SlotGuardRules.Antonym, "antonym")]
    public void A_Rule_Vetoes_OnlyWhenEnabled(string a, string b, SlotGuardRules rule, string reason)
    {
        var candidate = new CacheHitCandidate(a, b, 0.95, 0.8);
        Assert.Equal(reason, new SlotGuardVerifier(rule).Verify(candidate).Reason);
        Assert.NotEqual(reason, new SlotGuardVerifier(SlotGuardRules.All & ~rule).Verify(candidate).Reason);
        Assert.True(new SlotGuardVerifier(SlotGuardRules.None).Verify(candidate).Accepted);
    }
}

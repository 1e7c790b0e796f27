package io.precis.routing.cache.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HitGuardsTest {
  private static Optional<String> veto(String a, String b) {
    return HitGuards.veto(a, b);
  }

  @Test
  void negationFlipsAreVetoed() {
    assertThat(veto("Sharing passwords is allowed.", "Sharing passwords is not allowed."))
        .hasValue("negation differs: 0 vs 1 negating words");
    assertThat(veto("The invoice has been paid.", "The invoice hasn't been paid."))
        .get()
        .asString()
        .startsWith("negation differs");
    assertThat(veto("Enable 2FA for all admin accounts.", "Disable 2FA for all admin accounts."))
        .get()
        .asString()
        .startsWith("negation differs: one text takes the opposite side");
    for (String[] pair :
        new String[][] {
          {"The transfer was lawful.", "The transfer was unlawful."},
          {"The deposit is refundable.", "The deposit is non-refundable."},
          {
            "The software is compatible with Windows 11.",
            "The software is incompatible with Windows 11."
          },
          {"Uninstall the agent.", "Install the agent."},
        }) {
      assertThat(veto(pair[0], pair[1]))
          .as(pair[1])
          .hasValue("negation differs: a word of one text is negated in the other (un-, dis-)");
    }
    assertThat(veto("Users must change the password.", "Users may change the password."))
        .isPresent();
    assertThat(veto("The merger was approved.", "The merger was blocked.")).isPresent();
  }

  @Test
  void negationsThatAgreePass() {
    assertThat(
            veto(
                "The licensee may not sublicense the software without written consent.",
                "Without written consent, the licensee must not sublicense the software."))
        .isEmpty();
    assertThat(veto("Access is not allowed.", "Access is denied.")).isEmpty();
    // Neither a comparison nor a numbering negates.
    assertThat(veto("Pay within 30 days.", "Pay no later than 30 days.")).isEmpty();
    assertThat(veto("See invoice 12345.", "See invoice No. 12345.")).isEmpty();
  }

  @Test
  void numbersAreComparedNormalized() {
    assertThat(veto("Invoices are payable within 30 days.", "Invoices are payable within 45 days."))
        .hasValue("numbers differ: 30 vs 45");
    assertThat(veto("The fee is $1,000.", "The fee is 1000 dollars.")).isEmpty();
    assertThat(veto("The fee is $1,000.", "The fee is one thousand dollars.")).isEmpty();
    assertThat(veto("Overtime pays 1.5 times the rate.", "Overtime pays one and a half times it."))
        .isEmpty();
    assertThat(veto("Revenue rose 5%.", "Revenue rose five percent.")).isEmpty();
    assertThat(veto("A coffee costs $3.50.", "A coffee costs 3.50 USD.")).isEmpty();
    assertThat(veto("The dividend is $0.25.", "The dividend is 25 cents.")).isEmpty();
    assertThat(veto("Revenue was $4.2 million.", "Revenue was $4,200,000.")).isEmpty();
    assertThat(veto("Meet at 3pm.", "Meet at 15:00.")).isEmpty();
    assertThat(veto("The value is €2.4 million.", "The value is £2.4 million."))
        .hasValue("numbers differ: €2400000 vs £2400000");
    assertThat(veto("Upload up to 25 MB.", "Upload up to 250 MB."))
        .hasValue("numbers differ: 25mb vs 250mb");
    // A bare 1 is as often "a" as a quantity.
    assertThat(veto("One of the parties may terminate.", "A party may terminate.")).isEmpty();
    assertThat(GuardFeatures.of("Enable 2FA and GPT-4.").numbers()).isEmpty();
  }

  @Test
  void datesAreComparedNormalized() {
    GuardFeatures iso = GuardFeatures.of("Signed on 2024-03-05.");
    for (String text :
        List.of(
            "Signed on March 5, 2024.",
            "Signed on 5 March 2024.",
            "Signed on the 5th of March 2024.",
            "Signed on 03/05/2024.",
            "Signed on Mar. 5, 2024.")) {
      assertThat(GuardFeatures.of(text).dates()).as(text).isEqualTo(iso.dates());
    }
    assertThat(veto("Signed on March 5, 2024.", "Signed on March 15, 2024."))
        .hasValue("dates differ: 2024-03-05 vs 2024-03-15");
    assertThat(veto("The meeting is on Thursday.", "The meeting is on Friday."))
        .hasValue("dates differ: thu vs fri");
    assertThat(veto("Revenue rose in 2023.", "Revenue rose in 2024."))
        .hasValue("dates differ: 2023 vs 2024");
    // A date without a year fits the same day of any year; "may" is not May.
    assertThat(veto("Closed on December 25.", "Closed on 25 December 2024.")).isEmpty();
    assertThat(GuardFeatures.of("Users may log in.").dates()).isEmpty();
  }

  @Test
  void namesAreCompared() {
    assertThat(veto("Acme will deliver the goods.", "Globex will deliver the goods."))
        .hasValue("entities differ: Acme vs Globex");
    assertThat(veto("The data is hosted on AWS.", "The data is hosted on Azure."))
        .hasValue("entities differ: AWS vs Azure");
    assertThat(veto("Encrypt with AES-256.", "Encrypt with RSA-2048."))
        .hasValue("entities differ: AES-256 vs RSA-2048");
    assertThat(veto("Contracts signed by Acme Corp.", "Contracts Acme signed.")).isEmpty();
    assertThat(veto("Governed by the laws of the State of New York.", "New York law governs it."))
        .isEmpty();
    // An acronym matches its words spelled out.
    assertThat(
            veto(
                "The SLA guarantees 99.9% uptime.",
                "The service level agreement guarantees 99.9% uptime."))
        .isEmpty();
    // Capitals that shout are not names, nor is a sentence's first word.
    assertThat(GuardFeatures.of("THE SOFTWARE IS PROVIDED AS IS.").entities()).isEmpty();
    assertThat(veto("Payment is due in 30 days.", "Invoices are due in 30 days.")).isEmpty();
  }

  @Test
  void veryDifferentLengthsAreVetoed() {
    String forty = "word ".repeat(40).trim();
    String fourHundred = "word ".repeat(400).trim();
    assertThat(veto(forty, fourHundred)).hasValue("lengths differ: 40 vs 400 words");
    assertThat(veto("show me my invoices", "list all of my recent invoices please")).isEmpty();
  }

  @Test
  void paraphrasesPass() {
    String[][] paraphrases = {
      {"show me my invoices", "list my recent invoices"},
      {
        "Either party may terminate this agreement with 60 days' written notice.",
        "This agreement can be ended by either party giving sixty days' notice in writing."
      },
      {
        "Revenue for fiscal 2023 rose 12% to $4.2 million.",
        "In fiscal year 2023, revenue increased by 12 percent, reaching $4.2 million."
      },
      {
        "We do not sell your personal information to advertisers.",
        "Your personal data is never sold to advertisers."
      },
      {
        "The tenant must give the landlord at least 30 days' notice before moving out.",
        "Before leaving, the tenant has to notify the landlord no less than thirty days ahead."
      },
      {
        "The meeting has been moved to Thursday, March 14.",
        "The meeting now takes place on Thursday, 14 March."
      },
      {
        "Access to production servers requires multi-factor authentication.",
        "You need MFA to log in to production servers."
      },
      {
        "Data subjects may request deletion of their personal data under GDPR.",
        "Under the GDPR, individuals can ask for their personal data to be erased."
      },
    };
    for (String[] pair : paraphrases) {
      assertThat(veto(pair[0], pair[1])).as(pair[0]).isEmpty();
      assertThat(veto(pair[1], pair[0])).as(pair[1]).isEmpty();
    }
  }

  @Test
  void aReflowedCopyOfAChunkPasses() {
    String chunk =
        "Copyright (C) 2002-2014 Acme Corp, Inc. and the GNOME Project. This program is free"
            + " software; you can redistribute it under the terms of the GNU Lesser General Public"
            + " License, version 3, as published on 29 June 2007. It is distributed WITHOUT ANY"
            + " WARRANTY; without even the implied warranty of MERCHANTABILITY. Contact Jane Smith"
            + " at 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA, before 5pm on"
            + " Fridays. No. 7: fees of $1,250.00 (12.5%) are non-refundable.";
    String reflowed = chunk.replace(". ", ".\n\n").replace(" ", "  ");
    assertThat(veto(chunk, reflowed)).isEmpty();
    assertThat(veto(chunk, chunk.replace("June", "July")))
        .hasValue("dates differ: 2007-06-29 vs 2007-07-29");
    assertThat(veto(chunk, chunk.replace("Jane Smith", "John Miller")))
        .hasValue("entities differ: Jane Smith vs John Miller");
  }

  @Test
  void featuresRoundTripWithoutTheWords() {
    for (String text :
        List.of(
            "Acme Corp, Inc. will pay €2.4 million to Aleksandar Urošević by March 5, 2024.",
            "Do NOT share passwords; 2FA is required; see https://example.com/a,b;c=d.",
            "",
            "The deposit is non-refundable unless cancelled 30 days before the warehouse opens.")) {
      GuardFeatures features = GuardFeatures.of(text);
      String encoded = features.encode();
      assertThat(encoded).startsWith("g1;").doesNotContain("\n");
      GuardFeatures decoded = GuardFeatures.decode(encoded);
      assertThat(decoded).isEqualTo(features);
      assertThat(decoded.encode()).isEqualTo(encoded);
      assertThat(HitGuards.veto(decoded, GuardFeatures.of(text))).isEmpty();
    }
    // Content words are kept as hashes only, yet still tell lawful from unlawful.
    GuardFeatures lawful =
        GuardFeatures.decode(GuardFeatures.of("The warehouse transfer was lawful.").encode());
    assertThat(lawful.encode()).doesNotContain("warehouse").doesNotContain("lawful");
    assertThat(HitGuards.veto(lawful, GuardFeatures.of("The warehouse transfer was unlawful.")))
        .isPresent();
  }

  @Test
  void decodeRejectsWhatItDidNotWrite() {
    assertThatThrownBy(() -> GuardFeatures.decode("g9;w=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected g1");
    assertThatThrownBy(() -> GuardFeatures.decode("g1;w=1;x=0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fields");
    String valid = GuardFeatures.of("Pay 30 days after March 5.").encode();
    assertThatThrownBy(() -> GuardFeatures.decode(valid.replace("w=", "w=x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GuardFeatures.decode(valid.replaceAll("h=[^;]*", "h=abc")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

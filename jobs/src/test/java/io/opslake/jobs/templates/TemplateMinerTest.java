package io.opslake.jobs.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {
  private static List<String> sampleLines() {
    List<String> lines = new ArrayList<>();
    Random random = new Random(5);
    String[] users = {"admin", "oracle", "git", "test"};
    for (int i = 0; i < 60; i++) {
      lines.add("Connection from 10.0." + random.nextInt(255) + "." + random.nextInt(255) + " port " + (1024 + random.nextInt(60000)) + " closed");
      lines.add("Invalid user " + users[random.nextInt(users.length)] + " from 10.1.2." + random.nextInt(255));
      lines.add("GET /page" + random.nextInt(50) + " 200 " + random.nextInt(3000) + "ms");
    }
    for (int i = 0; i < 7; i++) {
      lines.add("Failed to handle /page" + random.nextInt(50) + " on dc0-api0" + (1 + random.nextInt(4)));
      lines.add("stream opened");
      lines.add("stream closed");
    }
    return lines;
  }

  @Test
  void sameMultisetGivesSameTemplatesInAnyOrder() {
    List<String> lines = sampleLines();
    List<MinedTemplate> reference = TemplateMiner.withDefaults().mineMessages(lines).templates();
    for (int seed = 0; seed < 10; seed++) {
      List<String> shuffled = new ArrayList<>(lines);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(TemplateMiner.withDefaults().mineMessages(shuffled).templates()).isEqualTo(reference);
    }
  }

  @Test
  void findsOneTemplatePerEventWhateverTheNumbersUsersAndHosts() {
    TemplateMiner.MiningResult mined = TemplateMiner.withDefaults().mineMessages(sampleLines());

    assertThat(mined.templates()).extracting(MinedTemplate::template, MinedTemplate::occurrences).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Connection from <*> port <*> closed", 60L),
        org.assertj.core.groups.Tuple.tuple("GET <*> <*> <*>", 60L),
        org.assertj.core.groups.Tuple.tuple("Invalid user <*> from <*>", 60L),
        org.assertj.core.groups.Tuple.tuple("Failed to handle <*> on <*>", 7L),
        org.assertj.core.groups.Tuple.tuple("stream closed", 7L),
        org.assertj.core.groups.Tuple.tuple("stream opened", 7L));
    assertThat(mined.templateOf("Failed to handle /page3 on dc0-api09").id())
        .isEqualTo(TemplateIds.of("Failed to handle <*> on <*>"))
        .isEqualTo("6478d9402efecd59");
  }

  @Test
  void matcherAssignsUnseenMessagesAndRejectsStrangers() {
    TemplateMiner.MiningResult mined = TemplateMiner.withDefaults().mineMessages(sampleLines());
    TemplateMatcher matcher = mined.matcher();

    assertThat(matcher.templateOf("Invalid user postgres from 192.168.0.1")).isEqualTo("Invalid user <*> from <*>");
    assertThat(matcher.templateOf("stream opened")).isEqualTo("stream opened");
    assertThat(matcher.templateOf("stream reset")).isNull();
    assertThat(matcher.templateOf("something else entirely")).isNull();
    assertThat(matcher.templateIdOf(null)).isNull();
  }

  @Test
  void templateIdsAreTheFirstSixteenHexDigitsOfTheMd5() {
    // Pinned: ids must stay stable across versions, or the patterns table and events disagree.
    assertThat(TemplateIds.of("stream opened")).isEqualTo("cd85e282f1e6ca24");
    assertThat(TemplateIds.of("stream opened")).isNotEqualTo(TemplateIds.of("stream closed"));
  }
}

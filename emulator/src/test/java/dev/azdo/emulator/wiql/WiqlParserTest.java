package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.emulator.wiql.WiqlQuery.And;
import dev.azdo.emulator.wiql.WiqlQuery.Comparison;
import dev.azdo.emulator.wiql.WiqlQuery.FieldOperand;
import dev.azdo.emulator.wiql.WiqlQuery.Literal;
import dev.azdo.emulator.wiql.WiqlQuery.Macro;
import dev.azdo.emulator.wiql.WiqlQuery.Mode;
import dev.azdo.emulator.wiql.WiqlQuery.Not;
import dev.azdo.emulator.wiql.WiqlQuery.Op;
import dev.azdo.emulator.wiql.WiqlQuery.Or;
import dev.azdo.emulator.wiql.WiqlQuery.Side;
import dev.azdo.emulator.wiql.WiqlQuery.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class WiqlParserTest {

  private static Comparison where(String condition) {
    return (Comparison) Wiql.parse("SELECT [System.Id] FROM WorkItems WHERE " + condition).where();
  }

  @Test
  void parsesSelectFromWhereOrderByWithKeywordsInAnyCase() {
    WiqlQuery q =
        Wiql.parse(
            "select [System.Id], [Title], State from workitems where [System.State] = 'Active'"
                + " order by [System.ChangedDate] desc, [System.Id]");
    assertThat(q.columns())
        .extracting(WiqlQuery.FieldRef::name)
        .containsExactly("System.Id", "Title", "State");
    assertThat(q.from()).isEqualTo(Source.WORK_ITEMS);
    assertThat(q.orderBy()).hasSize(2);
    assertThat(q.orderBy().get(0).descending()).isTrue();
    assertThat(q.orderBy().get(1).descending()).isFalse();
    Comparison c = (Comparison) q.where();
    assertThat(c.op()).isEqualTo(Op.EQ);
    assertThat(((Literal) c.operands().get(0)).value()).isEqualTo("Active");
  }

  @Test
  void parsesEveryComparisonOperator() {
    assertThat(where("[a] = 1").op()).isEqualTo(Op.EQ);
    assertThat(where("[a] <> 1").op()).isEqualTo(Op.NE);
    assertThat(where("[a] < 1").op()).isEqualTo(Op.LT);
    assertThat(where("[a] > 1").op()).isEqualTo(Op.GT);
    assertThat(where("[a] <= 1").op()).isEqualTo(Op.LE);
    assertThat(where("[a] >= 1").op()).isEqualTo(Op.GE);
    assertThat(where("[a] IN ('x', 'y')").operands()).hasSize(2);
    assertThat(where("[a] NOT IN ('x')").op()).isEqualTo(Op.NOT_IN);
    assertThat(where("[a] CONTAINS 'x'").op()).isEqualTo(Op.CONTAINS);
    assertThat(where("[a] NOT CONTAINS 'x'").op()).isEqualTo(Op.NOT_CONTAINS);
    assertThat(where("[a] CONTAINS WORDS 'x'").op()).isEqualTo(Op.CONTAINS_WORDS);
    assertThat(where("[a] NOT CONTAINS WORDS 'x'").op()).isEqualTo(Op.NOT_CONTAINS_WORDS);
    assertThat(where("[a] UNDER 'x'").op()).isEqualTo(Op.UNDER);
    assertThat(where("[a] NOT UNDER 'x'").op()).isEqualTo(Op.NOT_UNDER);
    assertThat(where("[a] IS EMPTY").operands()).isEmpty();
    assertThat(where("[a] IS NOT EMPTY").op()).isEqualTo(Op.IS_NOT_EMPTY);
    assertThat(where("[a] EVER 'x'").op()).isEqualTo(Op.EVER);
    assertThat(where("[a] NOT EVER 'x'").op()).isEqualTo(Op.NOT_EVER);
  }

  @Test
  void parsesLiteralsNumbersBooleansAndDoubledQuotes() {
    assertThat(((Literal) where("[a] = 'O''Brien'").operands().get(0)).value())
        .isEqualTo("O'Brien");
    assertThat(((Literal) where("[a] = \"say \"\"hi\"\"\"").operands().get(0)).value())
        .isEqualTo("say \"hi\"");
    assertThat(((Literal) where("[a] = 42").operands().get(0)).value()).isEqualTo(42L);
    assertThat(((Literal) where("[a] = 2.5").operands().get(0)).value()).isEqualTo(2.5);
    assertThat(((Literal) where("[a] > -3").operands().get(0)).value()).isEqualTo(-3L);
    assertThat(((Literal) where("[a] = true").operands().get(0)).value()).isEqualTo(true);
  }

  @Test
  void parsesMacrosWithDayOffsets() {
    Macro today = (Macro) where("[System.CreatedDate] >= @Today - 7").operands().get(0);
    assertThat(today.name()).isEqualTo("Today");
    assertThat(today.offset()).isEqualTo(-7);
    assertThat(((Macro) where("[d] < @today+2").operands().get(0)).offset()).isEqualTo(2);
    assertThat(((Macro) where("[p] = @project").operands().get(0)).name()).isEqualTo("project");
    assertThat(((Macro) where("[m] = @Me").operands().get(0)).offset()).isZero();
  }

  @Test
  void parsesAndOrNotWithPrecedenceAndParentheses() {
    WiqlQuery q =
        Wiql.parse(
            "SELECT [System.Id] FROM WorkItems WHERE [a] = 1 OR [b] = 2 AND NOT ([c] = 3 OR [d] ="
                + " 4)");
    assertThat(q.where()).isInstanceOf(Or.class);
    Or or = (Or) q.where();
    assertThat(or.terms().get(0)).isInstanceOf(Comparison.class);
    And and = (And) or.terms().get(1);
    assertThat(and.terms().get(1)).isInstanceOf(Not.class);
    assertThat(((Not) and.terms().get(1)).term()).isInstanceOf(Or.class);
  }

  @Test
  void parsesFieldToFieldComparisons() {
    Comparison c = where("[System.CreatedDate] = [System.ChangedDate]");
    assertThat(c.operands().get(0)).isInstanceOf(FieldOperand.class);
    assertThat(((FieldOperand) c.operands().get(0)).field().name()).isEqualTo("System.ChangedDate");
  }

  @Test
  void parsesLinkQueriesWithSourceTargetPrefixesAndModes() {
    WiqlQuery q =
        Wiql.parse(
            "SELECT [System.Id] FROM WorkItemLinks WHERE ([Source].[System.TeamProject] = @project"
                + " AND [Source].[System.WorkItemType] = 'Epic') AND ([System.Links.LinkType] ="
                + " 'System.LinkTypes.Hierarchy-Forward') AND ([Target].[System.WorkItemType] ="
                + " 'Feature') ORDER BY [System.Id] MODE (Recursive, ReturnMatchingChildren)");
    assertThat(q.from()).isEqualTo(Source.WORK_ITEM_LINKS);
    assertThat(q.modes()).containsExactly(Mode.RECURSIVE, Mode.RETURN_MATCHING_CHILDREN);
    And and = (And) q.where();
    Comparison target = (Comparison) and.terms().get(and.terms().size() - 1);
    assertThat(target.field().side()).isEqualTo(Side.TARGET);
    assertThat(target.field().name()).isEqualTo("System.WorkItemType");
    assertThat(target.field().written()).isEqualTo("[Target].[System.WorkItemType]");
  }

  @Test
  void parsesAsOf() {
    WiqlQuery q = Wiql.parse("SELECT [System.Id] FROM WorkItems ASOF '2024-01-31T10:00:00Z'");
    assertThat(q.asOf().value()).isEqualTo("2024-01-31T10:00:00Z");
    assertThat(q.where()).isNull();
  }

  @Test
  void selectTopIsRefusedWithTf51006NamingTheNumber() {
    assertThatThrownBy(() -> Wiql.parse("SELECT TOP 5 [System.Id] FROM WorkItems"))
        .isInstanceOfSatisfying(
            WiqlException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "TF51006: The query statement is missing a FROM clause. The error is caused"
                          + " by «5».");
              assertThat(e.position()).isEqualTo(11);
              assertThat(e.typeKey()).isEqualTo("VssPropertyValidationException");
            });
  }

  @Test
  void missingFromNamesTheWhereKeyword() {
    assertThatThrownBy(() -> Wiql.parse("SELECT [System.Id] WHERE [System.Id] = 1"))
        .hasMessage(
            "TF51006: The query statement is missing a FROM clause. The error is caused by"
                + " «WHERE».");
  }

  @Test
  void constantWhereAFieldBelongsIsExpectingFieldName() {
    assertThatThrownBy(() -> Wiql.parse("SELECT [System.Id] FROM WorkItems WHERE 1=1"))
        .isInstanceOfSatisfying(
            WiqlException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("Expecting field name. The error is caused by «1».");
              assertThat(e.position()).isEqualTo(40);
            });
  }

  @Test
  void emptyInListIsExpectingConstantValueAtTheClosingParenthesis() {
    String wiql = "SELECT [System.Id] FROM WorkItems WHERE [System.Id] IN ()";
    assertThatThrownBy(() -> Wiql.parse(wiql))
        .isInstanceOfSatisfying(
            WiqlException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("Expecting constant value. The error is caused by «)».");
              assertThat(e.position()).isEqualTo(wiql.length() - 1);
            });
  }

  @Test
  void unknownOperatorIsExpectingComparisonOperator() {
    assertThatThrownBy(() -> Wiql.parse("SELECT [System.Id] FROM WorkItems WHERE [a] != 1"))
        .hasMessage("Expecting comparison operator. The error is caused by «!=».");
    assertThatThrownBy(() -> Wiql.parse("SELECT [System.Id] FROM WorkItems WHERE [a] LIKE 'x'"))
        .hasMessage("Expecting comparison operator. The error is caused by «LIKE».");
  }

  @Test
  void unclosedParenthesisAndTrailingTextAreNamedWithTheirPosition() {
    assertThatThrownBy(() -> Wiql.parse("SELECT [System.Id] FROM WorkItems WHERE ([a] = 1"))
        .isInstanceOfSatisfying(
            WiqlException.class, e -> assertThat(e.getMessage()).startsWith("Expecting right"));
    String trailing = "SELECT [System.Id] FROM WorkItems WHERE [a] = 1 GROUP BY [b]";
    assertThatThrownBy(() -> Wiql.parse(trailing))
        .isInstanceOfSatisfying(
            WiqlException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("Expecting end of string. The error is caused by «GROUP».");
              assertThat(e.position()).isEqualTo(trailing.indexOf("GROUP"));
            });
  }

  @Test
  void unterminatedStringIsReportedAtItsOpeningQuote() {
    String wiql = "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'abc";
    assertThatThrownBy(() -> Wiql.parse(wiql))
        .isInstanceOfSatisfying(
            WiqlException.class,
            e -> {
              assertThat(e.position()).isEqualTo(wiql.indexOf('\''));
              assertThat(e.token()).isEqualTo("'abc");
            });
  }

  @Test
  void modeIsRefusedOnAFlatQuery() {
    assertThatThrownBy(() -> Wiql.parse("SELECT [System.Id] FROM WorkItems MODE (MustContain)"))
        .isInstanceOf(WiqlException.class)
        .hasMessageContaining("«MustContain»");
  }

  @Test
  void emptyAndOverlongQueriesAreRefused() {
    assertThatThrownBy(() -> Wiql.parse("  ")).isInstanceOf(WiqlException.class);
    String longQuery =
        "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = '"
            + "x".repeat(Wiql.MAX_LENGTH)
            + "'";
    assertThatThrownBy(() -> Wiql.parse(longQuery))
        .isInstanceOf(WiqlException.class)
        .hasMessageContaining(String.valueOf(Wiql.MAX_LENGTH));
  }

  @Test
  void tokenizerKeepsDottedNamesAndSplitsSourcePrefixes() {
    List<WiqlTokenizer.Token> tokens = WiqlTokenizer.tokenize("System.Id >= [Source].[System.Id]");
    assertThat(tokens)
        .extracting(WiqlTokenizer.Token::raw)
        .containsExactly("System.Id", ">=", "[Source]", ".", "[System.Id]", "");
  }
}

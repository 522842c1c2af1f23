import type { Strings } from "../i18n";
import type { Result } from "../sorting/score";

interface Props {
  t: Strings;
  result: Result;
  solutionShown: boolean;
  onRetry: () => void;
  onToggleSolution: () => void;
}

export function ResultPanel({ t, result, solutionShown, onRetry, onToggleSolution }: Props) {
  return (
    <div class="result">
      <p class="result-text" id="result" tabIndex={-1}>
        {t.result(result.correct, result.total)}
      </p>
      {solutionShown && <p class="solution-note">{t.solutionNote}</p>}
      <div class="actions">
        <button type="button" class="button" onClick={onRetry}>
          {t.retry}
        </button>
        <button type="button" class="button secondary" onClick={onToggleSolution}>
          {solutionShown ? t.showMine : t.showSolution}
        </button>
      </div>
    </div>
  );
}

/**
 * The CI files of an engagement repository (docs/ci.md): a GitHub Actions workflow and a GitLab CI job that
 * install relm from `ci.install` and check every engagement of the repository on each pull or merge request.
 * Pure: the engagements and the spec come from the caller.
 */

/** The Node.js major version the CI files run (the current long-term support line). */
export const CI_NODE = 22;

/** The first line of a CI file relm wrote: a file that starts with it is relm's to rewrite (`relm ci --write`). */
export const CI_MARKER = '# Written by relm (relm init, relm ci --write), which rewrites it:';

export const GITHUB_WORKFLOW = '.github/workflows/relm.yml';
export const GITLAB_JOB = '.gitlab/relm.gitlab-ci.yml';

export interface CiEngagement {
  /** The folder relative to the repository root, with `/`; '' for the root itself. */
  path: string;
  /** relm.yaml `check` sets `max_regression`: the check compares with the base branch (`--baseline`). */
  baseline: boolean;
}

export interface CiPlan {
  /** The npm spec CI installs relm from. */
  install: string;
  engagements: CiEngagement[];
}

/** `-C "path"` for an engagement below the root, nothing for the root. */
function dirFlag(e: CiEngagement): string {
  return e.path ? ` -C ${JSON.stringify(e.path)}` : '';
}

function label(e: CiEngagement): string {
  return e.path || 'the engagement';
}

/** The install command of both files (the spec has no quote or shell character: the schema's pattern). */
export function installCommand(spec: string): string {
  return `npm install --global '${spec}'`;
}

/** The check and diff commands for one engagement, as GitHub runs them (`base` is the base branch ref). */
export function githubCommands(e: CiEngagement, base: string): { check: string; diff: string } {
  const baseline = e.baseline ? ` --baseline "${base}"` : '';
  return {
    check: `relm check${dirFlag(e)} -f github${baseline}`,
    diff: `relm diff${dirFlag(e)} "${base}" HEAD >> "$GITHUB_STEP_SUMMARY"`,
  };
}

/** The check and diff lines for the i-th engagement, as GitLab runs them. */
export function gitlabCommands(e: CiEngagement, i: number, base: string): { check: string; diff: string } {
  const baseline = e.baseline ? ` --baseline "${base}"` : '';
  return {
    check: `relm check${dirFlag(e)} -f text -f junit -o - -o relm-junit-${i + 1}.xml${baseline} || relm_failed=1`,
    diff: `relm diff${dirFlag(e)} "${base}" HEAD >> relm-diff.md || echo "nothing to compare in ${label(e)} at ${base}" >> relm-diff.md`,
  };
}

/** Both CI files, by path relative to the repository root. */
export function ciFiles(plan: CiPlan): Record<string, string> {
  const es = plan.engagements;
  const paths = es.some((e) => e.path === '') ? ['**'] : es.map((e) => `${e.path}/**`);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
  const ghBase = 'origin/${{ github.base_ref }}';
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
  const gate = "${{ !cancelled() && steps.install.outcome == 'success' }}";
  const steps = es.flatMap((e) => {
    const cmd = githubCommands(e, ghBase);
    return [
      `      - name: Check ${label(e)}`,
      `        if: ${gate}`,
      `        run: ${cmd.check}`,
      `      - name: Assessment changes in ${label(e)}`,
      `        if: ${gate}`,
      '        continue-on-error: true   # a new engagement has nothing to compare at the base',
      `        run: ${cmd.diff}`,
    ];
  });
  const glBase = 'origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME';
  const lines = es.flatMap((e, i) => {
    const cmd = gitlabCommands(e, i, glBase);
    return [`    - ${cmd.check}`, `    - ${cmd.diff}`];
  });
  const edit = '# change relm.yaml (ci.install, check) and run `relm ci --write` instead of editing it.';
  return {
    [GITHUB_WORKFLOW]: `${CI_MARKER}
${edit}
# Checks every engagement of the repository on each pull request: validity, and the score gates relm.yaml
# \`check\` sets; the assessment's changes go to the job summary.
name: relm
on:
  pull_request:
    paths: [${paths.map((p) => JSON.stringify(p)).join(', ')}]
permissions:
  contents: read
jobs:
  relm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # relm diff reads the base branch
      - uses: actions/setup-node@v4
        with:
          node-version: ${CI_NODE}
      - name: Install relm
        id: install
        run: ${installCommand(plan.install)}
${steps.join('\n')}
`,
    [GITLAB_JOB]: `${CI_MARKER}
${edit}
# Add it to .gitlab-ci.yml:
#   include:
#     - local: .gitlab/relm.gitlab-ci.yml
relm:
  image: node:${CI_NODE}
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    GIT_DEPTH: 0
  script:
    - ${installCommand(plan.install)}
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - relm_failed=
${lines.join('\n')}
    - test -z "$relm_failed"
  artifacts:
    when: always
    reports:
      junit: relm-junit-*.xml
    paths: [relm-diff.md]
`,
  };
}

/** Skills as a list of chips; `kind` colours them (matched, missing, ...) and is said in words too. */
export function SkillList({
  skills,
  kind,
  empty,
}: {
  skills: string[];
  kind?: 'matched' | 'missing' | 'extra' | 'implied';
  empty?: string;
}) {
  if (!skills.length) return empty ? <p class="muted">{empty}</p> : null;
  return (
    <ul class={`chips ${kind ?? ''}`}>
      {skills.map((skill) => (
        <li key={skill}>{skill}</li>
      ))}
    </ul>
  );
}

/** `?skills=a,b` -> ['a', 'b'] for class-transformer's @Transform (arrays pass through). */
export const commaSeparatedList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;

/** `?flag=true` / `?flag=false` -> boolean; anything else is left for the validator to reject. */
export const booleanFlag = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
